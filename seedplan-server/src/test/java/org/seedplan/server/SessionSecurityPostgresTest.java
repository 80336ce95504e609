package org.seedplan.server;

/** {@link SessionSecurityTest} on PostgreSQL. */
class SessionSecurityPostgresTest extends SessionSecurityTest {
    @Override
    TestDatabases.Kind kind() {
        return TestDatabases.Kind.POSTGRESQL;
    }
}
