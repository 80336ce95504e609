package org.seedplan.server;

/** {@link PlanWorkflowTest} on the embedded database. */
class PlanWorkflowSqliteTest extends PlanWorkflowTest {
    @Override
    protected TestDatabases.Kind kind() {
        return TestDatabases.Kind.SQLITE;
    }
}
