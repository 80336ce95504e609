package org.seedplan.server;

/** {@link PlanWorkflowTest} on PostgreSQL. */
class PlanWorkflowPostgresTest extends PlanWorkflowTest {
    @Override
    protected TestDatabases.Kind kind() {
        return TestDatabases.Kind.POSTGRESQL;
    }
}
