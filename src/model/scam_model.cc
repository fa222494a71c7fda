#include "model/scam_model.h"

#include <fasttext/fasttext.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <cmath>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include "util/embedded_file.h"

namespace redflag {

extern const EmbeddedFile kEmbeddedModel[];

namespace {

// fastText's loader checks the file's signature in a protected method.
class FastTextModel : public fasttext::FastText {
 public:
  bool Load(std::istream& in) {
    if (!checkModel(in)) return false;
    loadModel(in);
    return true;
  }
  const fasttext::Matrix& input() const { return *input_; }
  const fasttext::Matrix& output() const { return *output_; }
};

}  // namespace

struct ScamModel::Impl {
  std::shared_ptr<const fasttext::Dictionary> dict;
  std::vector<float> row_push;  // per input row: its dot product with (scam - ham) output rows
  // Per known word: the sum of its rows' pushes and how many rows it has, so
  // scoring a known word is one look-up (the n-gram index behind a quantised
  // dictionary is a hash map, costly per n-gram).
  std::vector<double> word_push;
  std::vector<uint16_t> word_rows;
  int32_t eos = -1;
  // Tells one loaded model from another, even at a reused address (see UnknownWordCache).
  uint64_t generation = NextGeneration();

  static uint64_t NextGeneration() {
    static std::atomic<uint64_t> next{1};
    return next++;
  }
};

ScamModel::ScamModel() : impl_(std::make_unique<Impl>()) {}
ScamModel::~ScamModel() = default;

StatusOr<std::unique_ptr<ScamModel>> ScamModel::Load(std::string_view ftz, std::string_view sidecar_json) {
  std::unique_ptr<ScamModel> model(new ScamModel());
  FastTextModel ft;
  try {
    std::istringstream in{std::string(ftz)};
    if (!ft.Load(in)) return InvalidArgument("the scam model is not a fastText model file");
  } catch (const std::exception& e) {
    return InvalidArgument(std::string("the scam model does not load: ") + e.what());
  }
  if (ft.getArgs().model != fasttext::model_name::sup) return InvalidArgument("the scam model is not a classifier");
  auto dict = ft.getDictionary();
  int32_t scam = -1, ham = -1;
  for (int32_t i = 0; i < dict->nlabels(); ++i) {
    std::string label = dict->getLabel(i);
    if (label == "__label__scam") scam = i;
    if (label == "__label__ham") ham = i;
  }
  if (scam < 0 || ham < 0 || dict->nlabels() != 2)
    return InvalidArgument("the scam model must have exactly the labels __label__scam and __label__ham");
  const fasttext::Matrix& input = ft.input();
  const fasttext::Matrix& output = ft.output();
  int64_t dim = input.size(1);
  fasttext::Vector direction(dim), row(dim);
  direction.zero();
  output.addRowToVector(direction, scam, 1.0);
  output.addRowToVector(direction, ham, -1.0);
  Impl& impl = *model->impl_;
  impl.row_push.resize(input.size(0));
  for (int64_t id = 0; id < input.size(0); ++id) {
    row.zero();
    input.addRowToVector(row, static_cast<int32_t>(id));
    double dot = 0;
    for (int64_t k = 0; k < dim; ++k) dot += row[k] * direction[k];
    impl.row_push[id] = static_cast<float>(dot);
  }
  impl.dict = dict;
  impl.eos = dict->getId(fasttext::Dictionary::EOS);
  impl.word_push.resize(dict->nwords());
  impl.word_rows.resize(dict->nwords());
  for (int32_t w = 0; w < dict->nwords(); ++w) {
    double sum = 0;
    for (int32_t id : dict->getSubwords(w)) sum += impl.row_push[id];
    impl.word_push[w] = sum;
    impl.word_rows[w] = static_cast<uint16_t>(dict->getSubwords(w).size());
  }

  nlohmann::json side = nlohmann::json::parse(sidecar_json, nullptr, false);
  if (side.is_discarded() || !side.is_object()) return InvalidArgument("the scam model's sidecar is not JSON");
  try {
    model->scale_ = side.at("calibration").at("scale").get<double>();
    model->offset_ = side.at("calibration").at("offset").get<double>();
    model->thresholds_.suspicious = side.at("thresholds").at("suspicious").get<double>();
    model->thresholds_.scam = side.at("thresholds").at("scam").get<double>();
  } catch (const nlohmann::json::exception& e) {
    return InvalidArgument(std::string("the scam model's sidecar lacks a field: ") + e.what());
  }
  return model;
}

StatusOr<std::unique_ptr<ScamModel>> ScamModel::LoadEmbedded() {
  std::string_view ftz, json;
  for (const EmbeddedFile* f = kEmbeddedModel; f->path != nullptr; ++f) {
    std::string_view path(f->path);
    if (path == "scam.ftz") ftz = {f->data, f->size};
    if (path == "scam.json") json = {f->data, f->size};
  }
  if (ftz.empty() || json.empty()) return std::unique_ptr<ScamModel>();
  return Load(ftz, json);
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
  StatusOr<std::string> ftz = slurp(path);
  if (!ftz.ok()) return ftz.status();
  StatusOr<std::string> json = slurp(json_path);
  if (!json.ok()) return json.status();
  return Load(*ftz, *json);
}

namespace {

// An unknown word's n-grams go through the quantised dictionary's hash map, one
// look-up each, which made scoring the slowest part of an analysis. Words recur
// across messages, so each thread remembers what it computed, up to a bound.
struct UnknownWordCache {
  struct Push {
    double push = 0;
    size_t rows = 0;
  };
  uint64_t model = 0;  // the Impl::generation the words belong to
  std::unordered_map<std::string, Push> words;
};
constexpr size_t kMaxCachedWords = 1 << 16;

UnknownWordCache& ThreadUnknownWordCache(uint64_t model) {
  thread_local UnknownWordCache cache;
  if (cache.model != model || cache.words.size() >= kMaxCachedWords) {
    cache.words.clear();
    cache.model = model;
  }
  return cache;
}

}  // namespace

ModelScore ScamModel::Score(const std::vector<ModelWord>& words) const {
  const Impl& impl = *impl_;
  ModelScore score;
  score.push.assign(words.size(), 0.0f);
  // As fastText reads a line: each word's rows (the word's own, when known, and
  // its character n-grams), then the end-of-line token; the average of all rows.
  size_t rows = 0;
  std::vector<int32_t> unknown;  // an unknown word's n-grams, computed here without allocating each time
  std::string bracketed;
  double total = 0;
  for (size_t i = 0; i < words.size(); ++i) {
    int32_t known = impl.dict->getId(words[i].text);
    double sum = 0;
    if (known >= 0 && known < impl.dict->nwords()) {
      sum = impl.word_push[known];
      rows += impl.word_rows[known];
    } else {
      UnknownWordCache& cache = ThreadUnknownWordCache(impl.generation);
      auto [it, added] = cache.words.try_emplace(words[i].text);
      if (added) {
        unknown.clear();
        bracketed.assign(fasttext::Dictionary::BOW).append(words[i].text).append(fasttext::Dictionary::EOW);
        impl.dict->computeSubwords(bracketed, unknown);
        for (int32_t id : unknown) it->second.push += impl.row_push[id];
        it->second.rows = unknown.size();
      }
      sum = it->second.push;
      rows += it->second.rows;
    }
    score.push[i] = static_cast<float>(sum);
    total += sum;
  }
  double eos = 0;
  if (impl.eos >= 0) {
    eos = impl.row_push[impl.eos];
    total += eos;
    rows += 1;
  }
  if (rows == 0) rows = 1;
  score.end_of_line = eos / static_cast<double>(rows);
  for (float& p : score.push) p = static_cast<float>(p / static_cast<double>(rows));
  score.log_odds = total / static_cast<double>(rows);
  score.probability = Calibrate(score.log_odds);
  return score;
}

double ScamModel::Calibrate(double log_odds) const {
  return 1.0 / (1.0 + std::exp(-(scale_ * log_odds + offset_)));
}

}  // namespace redflag
