package org.seedplan.server.forms;

import org.seedplan.server.TestDatabases;

/** {@link FollowUpFormsApiTest} on PostgreSQL. */
class FollowUpFormsApiPostgresTest extends FollowUpFormsApiTest {
    @Override
    TestDatabases.Kind kind() {
        return TestDatabases.Kind.POSTGRESQL;
    }
}
