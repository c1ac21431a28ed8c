-- Every node looks for runs of nodes that are gone every 5 s (ClusterNode). Run history holds
-- millions of finished runs; these indexes hold only the few unfinished ones, so the look is cheap.
CREATE INDEX sync_runs_unfinished ON sync_runs (node_id) WHERE status IN ('queued', 'running');
CREATE INDEX sequence_runs_unfinished ON sequence_runs (node_id) WHERE status IN ('queued', 'running');
