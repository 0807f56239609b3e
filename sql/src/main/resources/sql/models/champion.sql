SELECT version FROM model_champions WHERE model_name = ?
