// The scam model: a fastText text classifier (subword n-grams suit noisy,
// multilingual SMS) trained by `redflag train` on the public corpus, quantised
// and compiled into the binary (model/scam.ftz, with model/scam.json: how it
// was trained and its calibration on the dev split).
//
// fastText averages the rows of every word and subword of a text and scores
// the average with a linear layer. With two labels the log-odds are linear in
// the rows, so each word's push towards "scam" is exact; the model precomputes
// every row's push once, and scoring a message is a few table look-ups per word.
// Thread-safe after loading.
#ifndef REDFLAG_MODEL_SCAM_MODEL_H_
#define REDFLAG_MODEL_SCAM_MODEL_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "model/neutralize.h"
#include "redflag/status.h"

namespace redflag {

struct ModelScore {
  double log_odds = 0;     // the raw score: > 0 leans scam
  double probability = 0;  // calibrated on dev: P(scam or spam | log_odds)
  std::vector<float> push; // per word: its share of log_odds
  double end_of_line = 0;  // the rest of log_odds: fastText's end-of-line token
};

// Where the model says a warning starts (chosen on dev by `redflag train`).
struct ModelThresholds {
  double suspicious = 1.0, scam = 1.0;  // calibrated probabilities
};

class ScamModel {
 public:
  // `ftz`: a fastText supervised model with labels __label__scam and
  // __label__ham; `sidecar_json`: its calibration and thresholds.
  static StatusOr<std::unique_ptr<ScamModel>> Load(std::string_view ftz, std::string_view sidecar_json);
  // The model compiled into the binary; nullptr when the build has none.
  static StatusOr<std::unique_ptr<ScamModel>> LoadEmbedded();
  // Files on disk: `path` is the .ftz; the sidecar is the same name with .json.
  static StatusOr<std::unique_ptr<ScamModel>> LoadFile(const std::string& path);

  ~ScamModel();
  ModelScore Score(const std::vector<ModelWord>& words) const;
  double Calibrate(double log_odds) const;
  const ModelThresholds& thresholds() const { return thresholds_; }

 private:
  ScamModel();
  struct Impl;
  std::unique_ptr<Impl> impl_;
  double scale_ = 1, offset_ = 0;  // Platt scaling, fitted on dev
  ModelThresholds thresholds_;
};

}  // namespace redflag

#endif  // REDFLAG_MODEL_SCAM_MODEL_H_
