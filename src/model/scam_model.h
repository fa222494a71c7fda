// The scam model: a logistic regression over hashed character n-grams and
// words (model/features.h), trained with liblinear by `redflag train` on the
// public corpus and compiled into the binary: model/scam.weights (one 16-bit
// weight per hashed feature) and model/scam.json (how it was trained, the
// weights' scale and bias, its calibration and thresholds on the dev split).
//
// The score is linear in the features and every feature comes from one word
// (or splits evenly between the two of a pair), so each word's push towards
// "scam" is exact and the pushes plus the bias are the score.
// Thread-safe after loading.
#ifndef REDFLAG_MODEL_SCAM_MODEL_H_
#define REDFLAG_MODEL_SCAM_MODEL_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "model/features.h"
#include "model/neutralize.h"
#include "redflag/message.h"
#include "redflag/status.h"

namespace redflag {

struct ModelScore {
  double log_odds = 0;     // the raw score: > 0 leans scam
  double probability = 0;  // calibrated on dev: P(scam | log_odds)
  std::vector<float> push; // per word: its share of log_odds
  double bias = 0;         // the rest of log_odds: the model's intercept
};

// Where the model says a warning starts (chosen on dev by `redflag train`).
struct ModelThresholds {
  double suspicious = 1.0, scam = 1.0;  // calibrated probabilities
};

// Mail and short messages get thresholds of their own: genuine mail (newsletters,
// list traffic) reads more like phishing than genuine texts read like smishing,
// so one threshold for both would be set by mail and lose the texts' scams.
// A message is mail when it came as email or has a subject.
inline bool IsMail(Channel channel, bool has_subject) { return channel == Channel::kEmail || has_subject; }

class ScamModel {
 public:
  // `weights`: 2^bits little-endian int16 weights; `sidecar_json`: the
  // features, the weights' scale and bias, calibration and thresholds.
  static StatusOr<std::unique_ptr<ScamModel>> Load(std::string_view weights, std::string_view sidecar_json);
  // The model compiled into the binary; nullptr when the build has none.
  static StatusOr<std::unique_ptr<ScamModel>> LoadEmbedded();
  // Files on disk: `path` is the .weights file; the sidecar is the same name with .json.
  static StatusOr<std::unique_ptr<ScamModel>> LoadFile(const std::string& path);

  ~ScamModel() = default;
  ModelScore Score(const std::vector<ModelWord>& words) const;
  double Calibrate(double log_odds) const;
  const ModelThresholds& thresholds(bool mail) const { return mail ? mail_ : message_; }
  const FeatureSpec& features() const { return spec_; }

 private:
  ScamModel() = default;
  FeatureSpec spec_;
  std::vector<int16_t> weights_;  // per hashed feature, as stored: half the cache footprint of floats
  double weight_scale_ = 1;       // what turns a quantised weight back into a real one
  double bias_ = 0;
  double scale_ = 1, offset_ = 0;  // Platt scaling, fitted on dev
  ModelThresholds message_, mail_;
};

// The weights file's bytes for `weights`, quantised to 16 bits: returns the scale
// that multiplies them back. Shared by the trainer and the tests.
std::string QuantizeWeights(const std::vector<double>& weights, double* scale);

}  // namespace redflag

#endif  // REDFLAG_MODEL_SCAM_MODEL_H_
