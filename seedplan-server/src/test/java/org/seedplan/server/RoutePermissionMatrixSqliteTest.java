package org.seedplan.server;

/** {@link RoutePermissionMatrixTest} on the embedded database. */
class RoutePermissionMatrixSqliteTest extends RoutePermissionMatrixTest {
    @Override
    TestDatabases.Kind kind() {
        return TestDatabases.Kind.SQLITE;
    }
}
