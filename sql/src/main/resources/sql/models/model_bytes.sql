SELECT model FROM model_versions WHERE model_name = ? AND version = ?
