// Rebuilds the scam model from the labelled corpus, deterministically: the
// same corpus and options give the same bytes (one thread, a fixed seed).
//   1. train.jsonl -> neutral words (model/neutralize.h) -> fastText supervised
//      model, labels __label__scam (scam, and spam unless told otherwise) and
//      __label__ham; quantised to a small .ftz;
//   2. dev.jsonl -> Platt scaling of the model's log-odds, and the calibrated
//      probabilities at which the model alone warns: the lowest that keep the
//      false-alarm rate on dev ham at or under the targets, overall and per data set.
// test.jsonl is never read.
#ifndef REDFLAG_MODEL_TRAIN_H_
#define REDFLAG_MODEL_TRAIN_H_

#include <ostream>
#include <string>

#include "redflag/status.h"

namespace redflag {

struct TrainOptions {
  std::string train_path, dev_path;
  std::string out_path = "model/scam.ftz";  // the sidecar goes beside it, as .json
  // Spam rows: "scam" (most corpora lump scams into spam), "ham", or "skip" (learn scams against ham only).
  std::string spam_as = "skip";
  int scam_repeat = 1;  // scam rows are few: repeat each this many times in training
  int dim = 16, epoch = 10, min_count = 2, minn = 3, maxn = 5, word_ngrams = 1, bucket = 100000, seed = 1;
  double lr = 0.5;
  size_t quantize_cutoff = 30000;  // keep the most useful rows only
  // False-alarm targets on dev ham for the model alone.
  double suspicious_far = 0.003, suspicious_far_per_dataset = 0.008, scam_far = 0.0005;
};

// Writes the model and its sidecar; progress and dev figures go to `log`.
Status TrainScamModel(const TrainOptions& options, std::ostream& log);

}  // namespace redflag

#endif  // REDFLAG_MODEL_TRAIN_H_
