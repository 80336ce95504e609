package org.seedplan.server.modelbased;

import org.seedplan.server.TestDatabases;

/** {@link ModelBasedApiTest} on SQLite. */
class ModelBasedApiSqliteTest extends ModelBasedApiTest {

    @Override
    protected TestDatabases.Kind kind() {
        return TestDatabases.Kind.SQLITE;
    }
}
