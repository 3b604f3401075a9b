-- In a cluster: when a block was last handed to the nodes (planned, or put on the block queue). A block that no node
-- has taken a lease after that was lost on the way (its planning node died before sending it, or its message waits on
-- a dead node's queue), and a live node takes it over (README "Cluster"). Rows of earlier releases have none.
ALTER TABLE scan_block ADD COLUMN handed_out_at timestamp(6) with time zone;
