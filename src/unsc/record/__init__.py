"""The record in a database: tables, migrations, loading and queries."""
