#!/bin/sh
# Runs once, when the postgres container initialises an empty data directory (docker-entrypoint-initdb.d).
# Two roles (README "Database roles"): qingfeng_owner owns the database and runs migrations;
# qingfeng_api, a member of qingfeng_app (owns nothing), is what the api and the worker log in as.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v owner_password="$QF_OWNER_PASSWORD" -v app_password="$QF_APP_PASSWORD" <<'SQL'
CREATE ROLE qingfeng_owner LOGIN PASSWORD :'owner_password';
CREATE ROLE qingfeng_app NOLOGIN;
CREATE ROLE qingfeng_api LOGIN PASSWORD :'app_password' IN ROLE qingfeng_app;
CREATE DATABASE qingfeng OWNER qingfeng_owner;
REVOKE ALL ON DATABASE qingfeng FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE qingfeng TO qingfeng_app;
SQL
