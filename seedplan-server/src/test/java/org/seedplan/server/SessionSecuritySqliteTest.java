package org.seedplan.server;

/** {@link SessionSecurityTest} on the embedded database. */
class SessionSecuritySqliteTest extends SessionSecurityTest {
    @Override
    TestDatabases.Kind kind() {
        return TestDatabases.Kind.SQLITE;
    }
}
