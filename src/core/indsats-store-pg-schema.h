/* indsats-store-pg-schema.h: the schema on PostgreSQL, one migration per version
 *
 * Private to indsats-store.c. The table indsats_version holds the version;
 * migration N brings a database from version N-1 to N; a released migration
 * is never edited.
 *
 * Kept column for column as SQLite's (indsats-store-schema.h), so that the
 * same SQL runs on both and gives the same rows:
 *   INTEGER → bigint, REAL → double precision, TEXT → text COLLATE "C" (SQLite
 *   compares text byte by byte; so does the C collation, whatever the
 *   database's locale), date(x) IS x → indsats_is_date (x).
 *   An id is given by a trigger (NEXT_ID) as SQLite gives a rowid:
 *   one more than the highest, so ids are the same on both stores. Every
 *   table has a trigger *_changed that tells a listening window of a change.
 *
 * Version 1 is SQLite's schema as its migrations 1-5 leave it.
 *
 * MIRROR: every SQLite migration after 5 gets its PostgreSQL twin here, as
 * the next entry, in the same words where both accept them:
 *   SQLite 6 (action.started_on, action_history.changed_by,
 *   snapshot_action.started_on) → PostgreSQL 2.
 * A new table gets its NEXT_ID and *_changed triggers as those below.
 * indsats-store-copy.c lists every column too; its test fails until it knows
 * a new one.
 */
#pragma once

/* A new row of @table gets the id SQLite would give it: one more than the
 * highest. Under the writers' lock (indsats-store-pg.c), which the trigger
 * takes too for a change made outside a transaction; the id is left in
 * indsats.last_id for the store's last_insert_id. */
#define NEXT_ID(table) \
  "CREATE FUNCTION " table "_next_id () RETURNS trigger LANGUAGE plpgsql AS $$" \
  " BEGIN" \
  "   IF NEW.id IS NULL THEN" \
  "     PERFORM pg_advisory_xact_lock (1229866067);" \
  "     SELECT coalesce (max (id), 0) + 1 FROM " table " INTO NEW.id;" \
  "   END IF;" \
  "   PERFORM set_config ('indsats.last_id', NEW.id::text, false);" \
  "   RETURN NEW;" \
  " END $$;" \
  "CREATE TRIGGER " table "_id BEFORE INSERT ON " table " FOR EACH ROW EXECUTE FUNCTION " table "_next_id ();"

static const char * const indsats_pg_migrations[] = {
  /* 1: SQLite's schema at its version 5 */
  "CREATE FUNCTION indsats_is_date (d text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$"
  " BEGIN"
  "   RETURN d ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' AND to_char (d::date, 'YYYY-MM-DD') = d;"
  " EXCEPTION WHEN others THEN"
  "   RETURN false;"
  " END $$;"
  "CREATE TABLE plan ("
  "  id bigint PRIMARY KEY,"
  "  title text COLLATE \"C\" NOT NULL CHECK (title <> ''),"
  "  jobcentre text COLLATE \"C\" NOT NULL DEFAULT '',"
  "  dated text COLLATE \"C\" CHECK (dated IS NULL OR indsats_is_date (dated)),"
  "  star_letter text COLLATE \"C\","
  "  star_follow_up_letter text COLLATE \"C\","
  "  threshold double precision,"
  "  target text COLLATE \"C\" NOT NULL DEFAULT '',"
  "  follow_up text COLLATE \"C\" NOT NULL DEFAULT '',"
  "  committee text COLLATE \"C\" NOT NULL DEFAULT '',"
  "  demo_key text COLLATE \"C\" UNIQUE,"
  "  created_at text COLLATE \"C\" NOT NULL"
  ");"
  "CREATE TABLE indicator ("
  "  id bigint PRIMARY KEY,"
  "  name text COLLATE \"C\" NOT NULL UNIQUE CHECK (name <> ''),"
  "  unit text COLLATE \"C\" NOT NULL DEFAULT '',"
  "  higher_is_better bigint NOT NULL DEFAULT 1,"
  "  threshold double precision,"
  "  table_id text COLLATE \"C\","
  "  measure text COLLATE \"C\","
  "  breakdown text COLLATE \"C\" NOT NULL DEFAULT ''"
  ");"
  "CREATE UNIQUE INDEX indicator_by_origin ON indicator (table_id, measure, breakdown);"
  "CREATE TABLE plan_trigger ("
  "  id bigint PRIMARY KEY,"
  "  plan_id bigint NOT NULL REFERENCES plan (id) ON DELETE CASCADE,"
  "  position bigint NOT NULL,"
  "  text text COLLATE \"C\" NOT NULL,"
  "  indicator_id bigint REFERENCES indicator (id) ON DELETE SET NULL"
  ");"
  "CREATE TABLE team ("
  "  id bigint PRIMARY KEY,"
  "  plan_id bigint NOT NULL REFERENCES plan (id) ON DELETE CASCADE,"
  "  name text COLLATE \"C\" NOT NULL CHECK (name <> ''),"
  "  position bigint NOT NULL,"
  "  UNIQUE (plan_id, name)"
  ");"
  "CREATE TABLE focus_area ("
  "  id bigint PRIMARY KEY,"
  "  team_id bigint NOT NULL REFERENCES team (id) ON DELETE CASCADE,"
  "  name text COLLATE \"C\" NOT NULL CHECK (name <> ''),"
  "  position bigint NOT NULL,"
  "  UNIQUE (team_id, name)"
  ");"
  "CREATE TABLE action ("
  "  id bigint PRIMARY KEY,"
  "  focus_id bigint NOT NULL REFERENCES focus_area (id) ON DELETE CASCADE,"
  "  text text COLLATE \"C\" NOT NULL CHECK (trim (text) <> ''),"
  "  owner text COLLATE \"C\" NOT NULL DEFAULT '',"
  "  start_date text COLLATE \"C\" NOT NULL CHECK (indsats_is_date (start_date)),"
  "  status text COLLATE \"C\" NOT NULL DEFAULT 'planned'"
  "    CHECK (status IN ('planned', 'started', 'done', 'dropped')),"
  "  end_date text COLLATE \"C\" CHECK (end_date IS NULL OR indsats_is_date (end_date)),"
  "  note text COLLATE \"C\" NOT NULL DEFAULT '',"
  "  position bigint NOT NULL"
  ");"
  "CREATE INDEX action_by_focus ON action (focus_id, position);"
  "CREATE TABLE action_history ("
  "  id bigint PRIMARY KEY,"
  "  action_id bigint NOT NULL,"
  "  plan_id bigint NOT NULL REFERENCES plan (id) ON DELETE CASCADE,"
  "  changed_at text COLLATE \"C\" NOT NULL,"
  "  field text COLLATE \"C\" NOT NULL,"
  "  old_value text COLLATE \"C\","
  "  new_value text COLLATE \"C\""
  ");"
  "CREATE INDEX action_history_by_action ON action_history (action_id);"
  "CREATE TABLE goal ("
  "  id bigint PRIMARY KEY,"
  "  kind text COLLATE \"C\" NOT NULL CHECK (kind IN ('minister', 'local', 'strategic')),"
  "  number bigint,"
  "  title text COLLATE \"C\" NOT NULL CHECK (title <> ''),"
  "  status_text text COLLATE \"C\" NOT NULL DEFAULT '',"
  "  note text COLLATE \"C\" NOT NULL DEFAULT '',"
  "  position bigint NOT NULL"
  ");"
  "CREATE TABLE observation ("
  "  id bigint PRIMARY KEY,"
  "  indicator_id bigint NOT NULL REFERENCES indicator (id) ON DELETE CASCADE,"
  "  area text COLLATE \"C\" NOT NULL CHECK (area <> ''),"
  "  period text COLLATE \"C\" NOT NULL,"
  "  period_key bigint NOT NULL,"
  "  value double precision,"
  "  preliminary bigint NOT NULL DEFAULT 0,"
  "  source text COLLATE \"C\" NOT NULL DEFAULT '',"
  "  updated_at text COLLATE \"C\" NOT NULL,"
  "  UNIQUE (indicator_id, area, period)"
  ");"
  "CREATE TABLE observation_revision ("
  "  id bigint PRIMARY KEY,"
  "  observation_id bigint NOT NULL REFERENCES observation (id) ON DELETE CASCADE,"
  "  changed_at text COLLATE \"C\" NOT NULL,"
  "  old_value double precision,"
  "  new_value double precision,"
  "  source text COLLATE \"C\" NOT NULL DEFAULT ''"
  ");"
  "CREATE TABLE figure ("
  "  id bigint PRIMARY KEY,"
  "  number bigint NOT NULL UNIQUE CHECK (number > 0),"
  "  title text COLLATE \"C\" NOT NULL CHECK (title <> ''),"
  "  kind text COLLATE \"C\" NOT NULL CHECK (kind IN ('line', 'column', 'bar')),"
  "  unit text COLLATE \"C\" NOT NULL DEFAULT '',"
  "  period_from text COLLATE \"C\","
  "  period_to text COLLATE \"C\","
  "  threshold double precision,"
  "  threshold_label text COLLATE \"C\","
  "  source text COLLATE \"C\" NOT NULL DEFAULT '',"
  "  goal_id bigint REFERENCES goal (id) ON DELETE SET NULL"
  ");"
  "CREATE INDEX figure_by_goal ON figure (goal_id, number);"
  "CREATE TABLE figure_series ("
  "  id bigint PRIMARY KEY,"
  "  figure_id bigint NOT NULL REFERENCES figure (id) ON DELETE CASCADE,"
  "  position bigint NOT NULL,"
  "  indicator_id bigint NOT NULL REFERENCES indicator (id) ON DELETE CASCADE,"
  "  area text COLLATE \"C\" NOT NULL,"
  "  label text COLLATE \"C\""
  ");"
  "CREATE INDEX figure_series_by_figure ON figure_series (figure_id, position);"
  "CREATE INDEX figure_series_by_indicator ON figure_series (indicator_id);"
  "CREATE TABLE figure_action ("
  "  figure_id bigint NOT NULL REFERENCES figure (id) ON DELETE CASCADE,"
  "  action_id bigint NOT NULL REFERENCES action (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (figure_id, action_id)"
  ");"
  "CREATE TABLE snapshot ("
  "  id bigint PRIMARY KEY,"
  "  plan_id bigint NOT NULL REFERENCES plan (id) ON DELETE CASCADE,"
  "  name text COLLATE \"C\" NOT NULL CHECK (trim (name) <> ''),"
  "  meeting_date text COLLATE \"C\" NOT NULL CHECK (indsats_is_date (meeting_date)),"
  "  created_at text COLLATE \"C\" NOT NULL,"
  "  UNIQUE (plan_id, name)"
  ");"
  "CREATE TABLE snapshot_action ("
  "  snapshot_id bigint NOT NULL REFERENCES snapshot (id) ON DELETE CASCADE,"
  "  action_id bigint NOT NULL,"
  "  team text COLLATE \"C\" NOT NULL,"
  "  focus text COLLATE \"C\" NOT NULL,"
  "  text text COLLATE \"C\" NOT NULL,"
  "  owner text COLLATE \"C\" NOT NULL,"
  "  start_date text COLLATE \"C\" NOT NULL,"
  "  status text COLLATE \"C\" NOT NULL,"
  "  end_date text COLLATE \"C\","
  "  PRIMARY KEY (snapshot_id, action_id)"
  ");"
  "CREATE TABLE snapshot_indicator ("
  "  snapshot_id bigint NOT NULL REFERENCES snapshot (id) ON DELETE CASCADE,"
  "  position bigint NOT NULL,"
  "  indicator text COLLATE \"C\" NOT NULL,"
  "  area text COLLATE \"C\" NOT NULL DEFAULT '',"
  "  period text COLLATE \"C\","
  "  value double precision,"
  "  PRIMARY KEY (snapshot_id, position)"
  ");"
  NEXT_ID ("plan")
  NEXT_ID ("indicator")
  NEXT_ID ("plan_trigger")
  NEXT_ID ("team")
  NEXT_ID ("focus_area")
  NEXT_ID ("action")
  NEXT_ID ("action_history")
  NEXT_ID ("goal")
  NEXT_ID ("observation")
  NEXT_ID ("observation_revision")
  NEXT_ID ("figure")
  NEXT_ID ("figure_series")
  NEXT_ID ("snapshot")
  /* a window that shows the plan is told of every change when it is
   * committed (LISTEN indsats_changes, indsats-store-pg.c) */
  "CREATE FUNCTION indsats_notify () RETURNS trigger LANGUAGE plpgsql AS $$"
  " BEGIN"
  /* once a transaction: the setting is the transaction's own */
  "   IF current_setting ('indsats.notified', true) IS DISTINCT FROM 'yes' THEN"
  "     PERFORM pg_notify ('indsats_changes', '');"
  "     PERFORM set_config ('indsats.notified', 'yes', true);"
  "   END IF;"
  "   RETURN NULL;"
  " END $$;"
  "CREATE TRIGGER plan_changed AFTER INSERT OR UPDATE OR DELETE ON plan FOR EACH STATEMENT EXECUTE FUNCTION indsats_notify ();"
  "CREATE TRIGGER indicator_changed AFTER INSERT OR UPDATE OR DELETE ON indicator FOR EACH STATEMENT EXECUTE FUNCTION indsats_notify ();"
  "CREATE TRIGGER plan_trigger_changed AFTER INSERT OR UPDATE OR DELETE ON plan_trigger FOR EACH STATEMENT EXECUTE FUNCTION indsats_notify ();"
  "CREATE TRIGGER team_changed AFTER INSERT OR UPDATE OR DELETE ON team FOR EACH STATEMENT EXECUTE FUNCTION indsats_notify ();"
  "CREATE TRIGGER focus_area_changed AFTER INSERT OR UPDATE OR DELETE ON focus_area FOR EACH STATEMENT EXECUTE FUNCTION indsats_notify ();"
  "CREATE TRIGGER action_changed AFTER INSERT OR UPDATE OR DELETE ON action FOR EACH STATEMENT EXECUTE FUNCTION indsats_notify ();"
  "CREATE TRIGGER action_history_changed AFTER INSERT OR UPDATE OR DELETE ON action_history FOR EACH STATEMENT EXECUTE FUNCTION indsats_notify ();"
  "CREATE TRIGGER goal_changed AFTER INSERT OR UPDATE OR DELETE ON goal FOR EACH STATEMENT EXECUTE FUNCTION indsats_notify ();"
  "CREATE TRIGGER observation_changed AFTER INSERT OR UPDATE OR DELETE ON observation FOR EACH STATEMENT EXECUTE FUNCTION indsats_notify ();"
  "CREATE TRIGGER observation_revision_changed AFTER INSERT OR UPDATE OR DELETE ON observation_revision FOR EACH STATEMENT EXECUTE FUNCTION indsats_notify ();"
  "CREATE TRIGGER figure_changed AFTER INSERT OR UPDATE OR DELETE ON figure FOR EACH STATEMENT EXECUTE FUNCTION indsats_notify ();"
  "CREATE TRIGGER figure_series_changed AFTER INSERT OR UPDATE OR DELETE ON figure_series FOR EACH STATEMENT EXECUTE FUNCTION indsats_notify ();"
  "CREATE TRIGGER figure_action_changed AFTER INSERT OR UPDATE OR DELETE ON figure_action FOR EACH STATEMENT EXECUTE FUNCTION indsats_notify ();"
  "CREATE TRIGGER snapshot_changed AFTER INSERT OR UPDATE OR DELETE ON snapshot FOR EACH STATEMENT EXECUTE FUNCTION indsats_notify ();"
  "CREATE TRIGGER snapshot_action_changed AFTER INSERT OR UPDATE OR DELETE ON snapshot_action FOR EACH STATEMENT EXECUTE FUNCTION indsats_notify ();"
  "CREATE TRIGGER snapshot_indicator_changed AFTER INSERT OR UPDATE OR DELETE ON snapshot_indicator FOR EACH STATEMENT EXECUTE FUNCTION indsats_notify ()",
  /* 2: SQLite's 6, the day an action actually started and who made each
   * change. No PostgreSQL database holds actions from before version 2, so
   * there is no earlier history to take the day from. */
  "ALTER TABLE action ADD COLUMN started_on text COLLATE \"C\""
  "  CHECK (started_on IS NULL OR indsats_is_date (started_on));"
  "ALTER TABLE action_history ADD COLUMN changed_by text COLLATE \"C\" NOT NULL DEFAULT '';"
  "ALTER TABLE snapshot_action ADD COLUMN started_on text COLLATE \"C\"",
};
