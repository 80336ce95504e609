package org.seedplan.server.handlers;

import org.seedplan.server.TestDatabases;

/** {@link ImplantPlannedMetricsApiTest} on PostgreSQL. */
class ImplantPlannedMetricsApiPostgresTest extends ImplantPlannedMetricsApiTest {
    @Override
    protected TestDatabases.Kind kind() {
        return TestDatabases.Kind.POSTGRESQL;
    }
}
