package org.seedplan.server.modelbased;

import org.seedplan.server.TestDatabases;

/** {@link VerificationModelBasedApiTest} on SQLite. */
class VerificationModelBasedApiSqliteTest extends VerificationModelBasedApiTest {

    @Override
    protected TestDatabases.Kind kind() {
        return TestDatabases.Kind.SQLITE;
    }
}
