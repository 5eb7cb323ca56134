// Imported first by a test file that watches presence lapse: the grace period is read when the sessions module loads.
process.env.KENES_PRESENCE_GRACE_MS = '600';
