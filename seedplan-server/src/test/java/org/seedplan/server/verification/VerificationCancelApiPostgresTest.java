package org.seedplan.server.verification;

import org.seedplan.server.TestDatabases;

/** {@link VerificationCancelApiTest} on PostgreSQL. */
class VerificationCancelApiPostgresTest extends VerificationCancelApiTest {
    @Override
    protected TestDatabases.Kind kind() {
        return TestDatabases.Kind.POSTGRESQL;
    }
}
