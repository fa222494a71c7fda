// Rebuilds the scam model from the labelled corpus, deterministically: the
// same corpus and options give the same bytes (no randomness; parallel fits are independent).
//   1. train.jsonl -> neutral words (model/neutralize.h) -> hashed features
//      (model/features.h) -> L2-regularised logistic regression (liblinear),
//      scam rows against ham rows (spam as told), plus any supplement's rows;
//      16-bit weights in a .weights file;
//   2. out-of-fold scores -> Platt scaling of the model's log-odds, and the
//      calibrated probabilities at which the model alone warns: the lowest that
//      keep the false-alarm rate on ham at or under the targets, overall and per data set.
//   Without folds (K = 0) the model fits on train and step 2 reads dev's scores.
//   With folds (K >= 2) the shipped model learns from train and dev together
//   (scam rows are few; more of them help), and step 2 reads every train and dev
//   row's score from a model fitted on the other K-1 folds: a small data set's
//   false-alarm rate then rests on six times the ham dev alone holds.
//   The K + 1 fits are independent and run on every core.
// test.jsonl is never read.
#ifndef REDFLAG_MODEL_TRAIN_H_
#define REDFLAG_MODEL_TRAIN_H_

#include <ostream>
#include <string>
#include <vector>

#include "model/features.h"
#include "redflag/status.h"

namespace redflag {

struct TrainOptions {
  std::string train_path, dev_path;
  // Hand-written rows added to train's (never to dev's): model/supplement/README.md says why.
  std::vector<std::string> supplement_paths;
  std::string out_path = "model/scam.weights";  // the sidecar goes beside it, as .json
  // When set: each scored row's calibrated out-of-fold probability, as JSON Lines, for error analysis.
  std::string scores_path;
  // Spam rows: "scam" (most corpora lump scams into spam), "ham", or "skip" (learn scams against ham only).
  std::string spam_as = "skip";
  FeatureSpec spec;
  double c = 64;            // liblinear's C: how little the weights are held back
  double scam_weight = 4;   // scam rows are few: each counts this many times in the loss
  double eps = 0.001;       // liblinear's stopping tolerance
  // False-alarm targets on ham (dev's, or out of fold train's and dev's) for the model alone.
  double suspicious_far = 0.004, suspicious_far_per_dataset = 0.009, scam_far = 0.0005;
  // 0: fit on train only and calibrate on dev. K >= 2: the shipped model also learns from dev, and
  // train and dev are calibrated out of fold (each row scored by a model fitted on the other K-1 folds).
  int folds = 5;
};

// Writes the model and its sidecar; progress and dev figures go to `log`.
Status TrainScamModel(const TrainOptions& options, std::ostream& log);

}  // namespace redflag

#endif  // REDFLAG_MODEL_TRAIN_H_
