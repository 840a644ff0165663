/**
 * The PostgreSQL server cpra's tests use; see {@link io.cpra.testing.postgres.TestPostgres}.
 * Test scope only: nothing in the distribution depends on it.
 */
module io.cpra.testing.postgres {
    requires java.sql;
    requires org.apache.commons.compress;
    requires org.tukaani.xz;

    exports io.cpra.testing.postgres;
}
