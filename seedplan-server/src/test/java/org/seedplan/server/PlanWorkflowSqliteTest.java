package org.seedplan.server;

/** {@link PlanWorkflowTest} on the embedded database. */
class PlanWorkflowSqliteTest extends PlanWorkflowTest {
    @Override
    TestDatabases.Kind kind() {
        return TestDatabases.Kind.SQLITE;
    }
}
