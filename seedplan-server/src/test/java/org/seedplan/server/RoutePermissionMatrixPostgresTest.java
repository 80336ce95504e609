package org.seedplan.server;

/** {@link RoutePermissionMatrixTest} on PostgreSQL. */
class RoutePermissionMatrixPostgresTest extends RoutePermissionMatrixTest {
    @Override
    TestDatabases.Kind kind() {
        return TestDatabases.Kind.POSTGRESQL;
    }
}
