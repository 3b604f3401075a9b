-- A cluster of nodes sharing this database (README "Cluster"). The node (WildFly's jboss.node.name) whose job
-- execution runs a scan: each node recovers only its own scans after a crash. In a cluster each address block runs as
-- a job of its own on whichever node takes it: the block's node and its job execution. Rows of earlier releases have
-- none.
ALTER TABLE scan ADD COLUMN node_name varchar(64);
ALTER TABLE scan_block ADD COLUMN node_name varchar(64);
ALTER TABLE scan_block ADD COLUMN execution_id bigint;
