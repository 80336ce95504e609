package org.seedplan.server.modelbased;

import org.seedplan.server.TestDatabases;

/** {@link ModelBasedApiTest} on PostgreSQL (bin/test-services). */
class ModelBasedApiPostgresTest extends ModelBasedApiTest {

    @Override
    protected TestDatabases.Kind kind() {
        return TestDatabases.Kind.POSTGRESQL;
    }
}
