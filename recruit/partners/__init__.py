"""The partner KPO firm directory (blueprint)."""
