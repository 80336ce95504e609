package org.seedplan.server.modelbased;

import org.seedplan.server.TestDatabases;

/** {@link VerificationModelBasedApiTest} on PostgreSQL (bin/test-services). */
class VerificationModelBasedApiPostgresTest extends VerificationModelBasedApiTest {

    @Override
    protected TestDatabases.Kind kind() {
        return TestDatabases.Kind.POSTGRESQL;
    }
}
