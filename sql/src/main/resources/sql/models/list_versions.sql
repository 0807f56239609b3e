SELECT v.model_name, v.version, v.algorithm, v.parameters, v.feature_names, v.train_from, v.train_to, v.eval_from,
       v.eval_to, v.threshold, v.eval_rows, v.accuracy, v.balanced_accuracy, v.auc, v.log_loss, v.brier, v.changelog,
       v.created_at, (c.version = v.version) AS champion
FROM model_versions v
LEFT JOIN model_champions c ON c.model_name = v.model_name
WHERE (? IS NULL OR v.model_name = ?)
ORDER BY v.model_name, v.version
