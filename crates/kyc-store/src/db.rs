//! A thin layer that lets one piece of code talk to SQLite or PostgreSQL.
//!
//! The two pools are an enum; a statement is written once with `$1`-style placeholders (both
//! databases accept them) or once per backend ([`Sql::per_backend`]) where the dialects differ;
//! bound values are a small enum ([`Arg`]) and rows are read by column name through [`Row`],
//! whose getters match on the backend. Only four column kinds are used: `BIGINT`/`INTEGER`
//! (`i64`), `TEXT`, `BYTEA`/`BLOB` and `BOOLEAN`.

use sqlx::postgres::{PgPool, PgRow};
use sqlx::sqlite::{SqlitePool, SqliteRow};
use sqlx::{Postgres, Row as _, Sqlite, Transaction};

use crate::{Backend, StoreError};

/// A statement, the same for both backends or one per backend.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sql {
    sqlite: &'static str,
    postgres: &'static str,
}

impl Sql {
    pub(crate) const fn per_backend(sqlite: &'static str, postgres: &'static str) -> Sql {
        Sql { sqlite, postgres }
    }
}

impl From<&'static str> for Sql {
    fn from(both: &'static str) -> Sql {
        Sql {
            sqlite: both,
            postgres: both,
        }
    }
}

/// A value bound to a placeholder. Nulls are typed (PostgreSQL wants to know).
#[derive(Debug, Clone)]
pub(crate) enum Arg {
    I64(Option<i64>),
    Text(Option<String>),
    Bytes(Option<Vec<u8>>),
    Bool(bool),
}

impl From<i64> for Arg {
    fn from(v: i64) -> Arg {
        Arg::I64(Some(v))
    }
}
impl From<u32> for Arg {
    fn from(v: u32) -> Arg {
        Arg::I64(Some(i64::from(v)))
    }
}
impl From<Option<i64>> for Arg {
    fn from(v: Option<i64>) -> Arg {
        Arg::I64(v)
    }
}
impl From<&str> for Arg {
    fn from(v: &str) -> Arg {
        Arg::Text(Some(v.to_owned()))
    }
}
impl From<String> for Arg {
    fn from(v: String) -> Arg {
        Arg::Text(Some(v))
    }
}
impl From<&String> for Arg {
    fn from(v: &String) -> Arg {
        Arg::Text(Some(v.clone()))
    }
}
impl From<Option<String>> for Arg {
    fn from(v: Option<String>) -> Arg {
        Arg::Text(v)
    }
}
impl From<Option<&str>> for Arg {
    fn from(v: Option<&str>) -> Arg {
        Arg::Text(v.map(str::to_owned))
    }
}
impl From<Vec<u8>> for Arg {
    fn from(v: Vec<u8>) -> Arg {
        Arg::Bytes(Some(v))
    }
}
impl From<&[u8]> for Arg {
    fn from(v: &[u8]) -> Arg {
        Arg::Bytes(Some(v.to_vec()))
    }
}
impl From<Option<Vec<u8>>> for Arg {
    fn from(v: Option<Vec<u8>>) -> Arg {
        Arg::Bytes(v)
    }
}
impl From<bool> for Arg {
    fn from(v: bool) -> Arg {
        Arg::Bool(v)
    }
}

/// `args![a, b, c]`: a `Vec<Arg>`.
macro_rules! args {
    ($($e:expr),* $(,)?) => {
        vec![$($crate::db::Arg::from($e)),*]
    };
}
pub(crate) use args;

macro_rules! bind_all {
    ($query:expr, $args:expr) => {{
        let mut q = $query;
        for arg in $args {
            q = match arg {
                Arg::I64(v) => q.bind(v),
                Arg::Text(v) => q.bind(v),
                Arg::Bytes(v) => q.bind(v),
                Arg::Bool(v) => q.bind(v),
            };
        }
        q
    }};
}

/// A row of either backend, read by column name.
pub(crate) enum Row {
    Sqlite(SqliteRow),
    Postgres(PgRow),
}

macro_rules! getter {
    ($name:ident, $ty:ty) => {
        pub(crate) fn $name(&self, column: &str) -> Result<$ty, StoreError> {
            Ok(match self {
                Row::Sqlite(r) => r.try_get::<$ty, _>(column)?,
                Row::Postgres(r) => r.try_get::<$ty, _>(column)?,
            })
        }
    };
}

impl Row {
    getter!(i64, i64);
    getter!(opt_i64, Option<i64>);
    getter!(text, String);
    getter!(opt_text, Option<String>);
    getter!(bytes, Vec<u8>);
    getter!(opt_bytes, Option<Vec<u8>>);
    getter!(bool, bool);

    /// A non-negative integer column that must fit a `u32` (attempts, counts).
    pub(crate) fn u32(&self, column: &str) -> Result<u32, StoreError> {
        let v = self.i64(column)?;
        u32::try_from(v).map_err(|_| StoreError::Corrupt(format!("{column} out of range")))
    }

    /// A text column holding a value of a type with `FromStr`.
    pub(crate) fn parse<T: std::str::FromStr>(&self, column: &str) -> Result<T, StoreError> {
        let v = self.text(column)?;
        v.parse()
            .map_err(|_| StoreError::Corrupt(format!("unparsable {column}")))
    }

    pub(crate) fn opt_parse<T: std::str::FromStr>(
        &self,
        column: &str,
    ) -> Result<Option<T>, StoreError> {
        match self.opt_text(column)? {
            None => Ok(None),
            Some(v) => v
                .parse()
                .map(Some)
                .map_err(|_| StoreError::Corrupt(format!("unparsable {column}"))),
        }
    }

    /// A timestamp column (unix milliseconds).
    pub(crate) fn time(&self, column: &str) -> Result<time::OffsetDateTime, StoreError> {
        crate::from_ms(self.i64(column)?)
    }

    pub(crate) fn opt_time(
        &self,
        column: &str,
    ) -> Result<Option<time::OffsetDateTime>, StoreError> {
        self.opt_i64(column)?.map(crate::from_ms).transpose()
    }
}

/// The connection pool.
#[derive(Debug, Clone)]
pub(crate) enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// An open transaction. Dropped without [`Tx::commit`], it rolls back.
pub(crate) enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

impl Pool {
    pub(crate) fn backend(&self) -> Backend {
        match self {
            Pool::Sqlite(_) => Backend::Sqlite,
            Pool::Postgres(_) => Backend::Postgres,
        }
    }

    /// Begins a write transaction. SQLite: `BEGIN IMMEDIATE`, so the write lock is taken up
    /// front and a transaction never fails half-way on upgrading a read lock.
    pub(crate) async fn begin(&self) -> Result<Tx, StoreError> {
        Ok(match self {
            Pool::Sqlite(p) => Tx::Sqlite(p.begin_with("BEGIN IMMEDIATE").await?),
            Pool::Postgres(p) => Tx::Postgres(p.begin().await?),
        })
    }

    pub(crate) async fn execute(
        &self,
        sql: impl Into<Sql>,
        args: Vec<Arg>,
    ) -> Result<u64, StoreError> {
        let sql = sql.into();
        Ok(match self {
            Pool::Sqlite(p) => bind_all!(sqlx::query(sql.sqlite), args)
                .execute(p)
                .await?
                .rows_affected(),
            Pool::Postgres(p) => bind_all!(sqlx::query(sql.postgres), args)
                .execute(p)
                .await?
                .rows_affected(),
        })
    }

    pub(crate) async fn fetch_all(
        &self,
        sql: impl Into<Sql>,
        args: Vec<Arg>,
    ) -> Result<Vec<Row>, StoreError> {
        let sql = sql.into();
        Ok(match self {
            Pool::Sqlite(p) => bind_all!(sqlx::query(sql.sqlite), args)
                .fetch_all(p)
                .await?
                .into_iter()
                .map(Row::Sqlite)
                .collect(),
            Pool::Postgres(p) => bind_all!(sqlx::query(sql.postgres), args)
                .fetch_all(p)
                .await?
                .into_iter()
                .map(Row::Postgres)
                .collect(),
        })
    }

    pub(crate) async fn fetch_optional(
        &self,
        sql: impl Into<Sql>,
        args: Vec<Arg>,
    ) -> Result<Option<Row>, StoreError> {
        let sql = sql.into();
        Ok(match self {
            Pool::Sqlite(p) => bind_all!(sqlx::query(sql.sqlite), args)
                .fetch_optional(p)
                .await?
                .map(Row::Sqlite),
            Pool::Postgres(p) => bind_all!(sqlx::query(sql.postgres), args)
                .fetch_optional(p)
                .await?
                .map(Row::Postgres),
        })
    }

    /// The one row; [`StoreError::NotFound`] when there is none.
    pub(crate) async fn fetch_one(
        &self,
        sql: impl Into<Sql>,
        args: Vec<Arg>,
    ) -> Result<Row, StoreError> {
        self.fetch_optional(sql, args)
            .await?
            .ok_or(StoreError::NotFound)
    }
}

impl Tx {
    pub(crate) async fn commit(self) -> Result<(), StoreError> {
        match self {
            Tx::Sqlite(tx) => tx.commit().await?,
            Tx::Postgres(tx) => tx.commit().await?,
        }
        Ok(())
    }

    pub(crate) async fn execute(
        &mut self,
        sql: impl Into<Sql>,
        args: Vec<Arg>,
    ) -> Result<u64, StoreError> {
        let sql = sql.into();
        Ok(match self {
            Tx::Sqlite(tx) => bind_all!(sqlx::query(sql.sqlite), args)
                .execute(&mut **tx)
                .await?
                .rows_affected(),
            Tx::Postgres(tx) => bind_all!(sqlx::query(sql.postgres), args)
                .execute(&mut **tx)
                .await?
                .rows_affected(),
        })
    }

    pub(crate) async fn fetch_all(
        &mut self,
        sql: impl Into<Sql>,
        args: Vec<Arg>,
    ) -> Result<Vec<Row>, StoreError> {
        let sql = sql.into();
        Ok(match self {
            Tx::Sqlite(tx) => bind_all!(sqlx::query(sql.sqlite), args)
                .fetch_all(&mut **tx)
                .await?
                .into_iter()
                .map(Row::Sqlite)
                .collect(),
            Tx::Postgres(tx) => bind_all!(sqlx::query(sql.postgres), args)
                .fetch_all(&mut **tx)
                .await?
                .into_iter()
                .map(Row::Postgres)
                .collect(),
        })
    }

    pub(crate) async fn fetch_optional(
        &mut self,
        sql: impl Into<Sql>,
        args: Vec<Arg>,
    ) -> Result<Option<Row>, StoreError> {
        let sql = sql.into();
        Ok(match self {
            Tx::Sqlite(tx) => bind_all!(sqlx::query(sql.sqlite), args)
                .fetch_optional(&mut **tx)
                .await?
                .map(Row::Sqlite),
            Tx::Postgres(tx) => bind_all!(sqlx::query(sql.postgres), args)
                .fetch_optional(&mut **tx)
                .await?
                .map(Row::Postgres),
        })
    }

    pub(crate) async fn fetch_one(
        &mut self,
        sql: impl Into<Sql>,
        args: Vec<Arg>,
    ) -> Result<Row, StoreError> {
        self.fetch_optional(sql, args)
            .await?
            .ok_or(StoreError::NotFound)
    }
}

/// Is this a unique-constraint violation (on either backend)?
pub(crate) fn is_unique_violation(e: &StoreError) -> bool {
    match e {
        StoreError::Database(sqlx::Error::Database(db)) => {
            db.kind() == sqlx::error::ErrorKind::UniqueViolation
        }
        _ => false,
    }
}
