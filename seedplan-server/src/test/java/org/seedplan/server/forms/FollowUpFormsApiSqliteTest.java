package org.seedplan.server.forms;

import org.seedplan.server.TestDatabases;

/** {@link FollowUpFormsApiTest} on the embedded database. */
class FollowUpFormsApiSqliteTest extends FollowUpFormsApiTest {
    @Override
    TestDatabases.Kind kind() {
        return TestDatabases.Kind.SQLITE;
    }
}
