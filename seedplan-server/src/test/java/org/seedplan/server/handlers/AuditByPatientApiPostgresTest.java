package org.seedplan.server.handlers;

import org.seedplan.server.TestDatabases;

/** {@link AuditByPatientApiTest} on PostgreSQL. */
class AuditByPatientApiPostgresTest extends AuditByPatientApiTest {
    @Override
    protected TestDatabases.Kind kind() {
        return TestDatabases.Kind.POSTGRESQL;
    }
}
