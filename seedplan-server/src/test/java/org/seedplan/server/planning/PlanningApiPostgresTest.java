package org.seedplan.server.planning;

import org.seedplan.server.TestDatabases;

/** {@link PlanningApiTest} on PostgreSQL. */
class PlanningApiPostgresTest extends PlanningApiTest {
    @Override
    TestDatabases.Kind kind() {
        return TestDatabases.Kind.POSTGRESQL;
    }
}
