package org.seedplan.server.verification;

import org.seedplan.server.TestDatabases;

/** {@link VerificationImplantApiTest} on PostgreSQL. */
class VerificationImplantApiPostgresTest extends VerificationImplantApiTest {
    @Override
    protected TestDatabases.Kind kind() {
        return TestDatabases.Kind.POSTGRESQL;
    }
}
