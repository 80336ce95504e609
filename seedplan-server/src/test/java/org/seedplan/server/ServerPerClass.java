package org.seedplan.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The base of an API test class whose tests share one {@link TestServer} {@link #t} and its {@link World} {@link #w}: started
 * before the class's first test on the database {@link #kind()} names (SQLite unless a subclass overrides it, as the
 * …SqliteTest / …PostgresTest pairs do) and closed after its last; a subclass's own {@code @BeforeAll} runs after this one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServerPerClass {

    protected TestServer t;
    protected World w;

    /** The database the class's server runs on. */
    protected TestDatabases.Kind kind() {
        return TestDatabases.Kind.SQLITE;
    }

    @BeforeAll
    protected final void startServer() throws Exception {
        t = new TestServer(kind());
        w = new World(t);
    }

    @AfterAll
    protected final void closeServer() {
        if (t != null) {
            t.close();
        }
    }
}
