package org.seedplan.server.needles;

import org.seedplan.server.TestDatabases;

/** {@link NeedlesApiTest} on PostgreSQL. */
class NeedlesApiPostgresTest extends NeedlesApiTest {
    @Override
    TestDatabases.Kind kind() {
        return TestDatabases.Kind.POSTGRESQL;
    }
}
