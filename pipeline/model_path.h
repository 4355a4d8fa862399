/*
 * model_path.h — find a model file (model_path.c).
 */
#ifndef VT_MODEL_PATH_H
#define VT_MODEL_PATH_H

/* The path of model `file` ("vie-syllable.lm"): see model_path.c for the
 * order. malloc'd; NULL when out of memory. The file may not exist (the
 * installed path is returned when none does), so opening it reports the error. */
char *vt_model_path(const char *model_dir, const char *file);

#endif /* VT_MODEL_PATH_H */
