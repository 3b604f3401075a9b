-- Releases before the token key moved to WildFly's credential store kept it in this table; nothing has read it
-- since, and the release before migrations left it behind on databases that had it.
DROP TABLE IF EXISTS installation_key;
