package org.seedplan.server.needles;

import org.seedplan.server.TestDatabases;

/** {@link NeedlesApiTest} on the embedded database. */
class NeedlesApiSqliteTest extends NeedlesApiTest {
    @Override
    TestDatabases.Kind kind() {
        return TestDatabases.Kind.SQLITE;
    }
}
