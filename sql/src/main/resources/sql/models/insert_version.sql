-- Next version number of the model, taken under the advisory lock the caller holds.
INSERT INTO model_versions (model_name, version, algorithm, parameters, feature_names, train_from, train_to,
                            eval_from, eval_to, threshold, eval_rows, accuracy, balanced_accuracy, auc, log_loss,
                            brier, changelog, model)
SELECT ?, COALESCE(MAX(version), 0) + 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
FROM model_versions WHERE model_name = ?
RETURNING version, created_at
