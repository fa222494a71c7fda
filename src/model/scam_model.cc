#include "model/scam_model.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "util/embedded_file.h"

namespace redflag {

extern const EmbeddedFile kEmbeddedModel[];

StatusOr<std::unique_ptr<ScamModel>> ScamModel::Load(std::string_view weights, std::string_view sidecar_json) {
  std::unique_ptr<ScamModel> model(new ScamModel());
  nlohmann::json side = nlohmann::json::parse(sidecar_json, nullptr, false);
  if (side.is_discarded() || !side.is_object()) return InvalidArgument("the scam model's sidecar is not JSON");
  double weight_scale = 0;
  try {
    const auto& f = side.at("features");
    model->spec_.bits = f.at("bits").get<int>();
    model->spec_.char_min = f.at("char_min").get<int>();
    model->spec_.char_max = f.at("char_max").get<int>();
    model->spec_.word_pairs = f.at("word_pairs").get<bool>();
    weight_scale = side.at("weights").at("scale").get<double>();
    model->bias_ = side.at("weights").at("bias").get<double>();
    model->scale_ = side.at("calibration").at("scale").get<double>();
    model->offset_ = side.at("calibration").at("offset").get<double>();
    for (auto [kind, t] : {std::pair{"message", &model->message_}, {"mail", &model->mail_}}) {
      t->suspicious = side.at("thresholds").at(kind).at("suspicious").get<double>();
      t->scam = side.at("thresholds").at(kind).at("scam").get<double>();
    }
  } catch (const nlohmann::json::exception& e) {
    return InvalidArgument(std::string("the scam model's sidecar lacks a field: ") + e.what());
  }
  const FeatureSpec& spec = model->spec_;
  if (Status s = CheckFeatureSpec(spec); !s.ok()) return InvalidArgument("the scam model's sidecar: " + s.message());
  size_t count = size_t{1} << spec.bits;
  if (weights.size() != 2 * count)
    return InvalidArgument("the scam model's weights are " + std::to_string(weights.size()) + " bytes, not the " +
                           std::to_string(2 * count) + " that 2^" + std::to_string(spec.bits) + " features need");
  model->weights_.resize(count);
  model->weight_scale_ = weight_scale;
  const auto* bytes = reinterpret_cast<const unsigned char*>(weights.data());
  for (size_t i = 0; i < count; ++i)
    model->weights_[i] = static_cast<int16_t>(static_cast<uint16_t>(bytes[2 * i] | (bytes[2 * i + 1] << 8)));
  return model;
}

StatusOr<std::unique_ptr<ScamModel>> ScamModel::LoadEmbedded() {
  std::string_view weights, json;
  for (const EmbeddedFile* f = kEmbeddedModel; f->path != nullptr; ++f) {
    std::string_view path(f->path);
    if (path == "scam.weights") weights = {f->data, f->size};
    if (path == "scam.json") json = {f->data, f->size};
  }
  if (weights.empty() || json.empty()) return std::unique_ptr<ScamModel>();
  return Load(weights, json);
}

StatusOr<std::unique_ptr<ScamModel>> ScamModel::LoadFile(const std::string& path) {
  auto slurp = [](const std::string& p) -> StatusOr<std::string> {
    std::ifstream in(p, std::ios::binary);
    if (!in) return NotFound("cannot read " + p);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  };
  std::string json_path = path.substr(0, path.rfind('.')) + ".json";
  StatusOr<std::string> weights = slurp(path);
  if (!weights.ok()) return weights.status();
  StatusOr<std::string> json = slurp(json_path);
  if (!json.ok()) return json.status();
  return Load(*weights, *json);
}

ModelScore ScamModel::Score(const std::vector<ModelWord>& words) const {
  // One extractor per thread keeps its buffers warm between messages.
  thread_local std::unique_ptr<FeatureExtractor> extractor;
  thread_local std::vector<FeatureOccurrence> features;
  if (!extractor || !(extractor->spec() == spec_)) extractor = std::make_unique<FeatureExtractor>(spec_);
  extractor->Extract(words, &features);
  ModelScore score;
  score.push.assign(words.size(), 0.0f);
  double total = 0;
  for (const FeatureOccurrence& f : features) {
    double push = weight_scale_ * weights_[f.index] * f.value;
    total += push;
    if (f.word == f.other_word) {
      score.push[f.word] += static_cast<float>(push);
    } else {
      score.push[f.word] += static_cast<float>(push / 2);
      score.push[f.other_word] += static_cast<float>(push / 2);
    }
  }
  score.bias = bias_;
  score.log_odds = total + bias_;
  score.probability = Calibrate(score.log_odds);
  return score;
}

double ScamModel::Calibrate(double log_odds) const {
  return 1.0 / (1.0 + std::exp(-(scale_ * log_odds + offset_)));
}

std::string QuantizeWeights(const std::vector<double>& weights, double* scale) {
  double largest = 0;
  for (double w : weights) largest = std::max(largest, std::abs(w));
  *scale = largest > 0 ? largest / 32767 : 1;
  std::string bytes(2 * weights.size(), '\0');
  for (size_t i = 0; i < weights.size(); ++i) {
    auto q = static_cast<uint16_t>(static_cast<int16_t>(std::lround(weights[i] / *scale)));
    bytes[2 * i] = static_cast<char>(q & 0xff);
    bytes[2 * i + 1] = static_cast<char>(q >> 8);
  }
  return bytes;
}

}  // namespace redflag
