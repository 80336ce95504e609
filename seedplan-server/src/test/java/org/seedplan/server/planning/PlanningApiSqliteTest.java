package org.seedplan.server.planning;

import org.seedplan.server.TestDatabases;

/** {@link PlanningApiTest} on the embedded database. */
class PlanningApiSqliteTest extends PlanningApiTest {
    @Override
    TestDatabases.Kind kind() {
        return TestDatabases.Kind.SQLITE;
    }
}
