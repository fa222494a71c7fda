#include "model/train.h"

#include <linear.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "intake/jsonl.h"
#include "model/features.h"
#include "model/neutralize.h"
#include "model/scam_model.h"
#include "text/normalize.h"

namespace redflag {
namespace {

struct Row {
  std::string label, dataset;
  std::vector<ModelWord> words;
  bool mail;  // which set of thresholds applies (IsMail)
};

// Reads labelled JSON Lines; rows with another label are skipped, bad lines are errors.
Status ReadRows(const std::string& path, std::vector<Row>* rows, std::string* digest_hex) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("cannot read " + path);
  LineReader reader(in, 16 << 20);
  JsonlParser parser;
  std::string line;
  bool too_long = false;
  uint64_t fnv = 14695981039346656037ull;  // FNV-1a 64 of every line: which corpus the model saw
  while (reader.Next(&line, &too_long)) {
    std::string where = path + ":" + std::to_string(reader.line_number());
    if (too_long) return InvalidArgument(where + ": line too long");
    for (unsigned char c : line) fnv = (fnv ^ c) * 1099511628211ull;
    if (line.empty()) continue;
    StatusOr<JsonlRecord> r = parser.Parse(line);
    if (!r.ok()) return InvalidArgument(where + ": " + r.status().message());
    const JsonlRecord& rec = *r;
    if (rec.label != "scam" && rec.label != "spam" && rec.label != "ham") continue;
    if (!ValidateUtf8(rec.message.text, "text").ok() || !ValidateUtf8(rec.message.subject, "subject").ok())
      return InvalidArgument(where + ": text is not valid UTF-8");
    rows->push_back({rec.label, rec.dataset, NeutralWords(rec.message.subject, rec.message.text),
                     IsMail(rec.message.channel, !rec.message.subject.empty())});
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(fnv));
  *digest_hex = hex;
  return Status::Ok();
}

// Platt scaling: the logistic curve through (log-odds, label) that fits dev
// best. Newton's method with step halving, so it cannot overshoot.
std::pair<double, double> FitPlatt(const std::vector<double>& x, const std::vector<int>& y) {
  auto loss = [&](double a, double b) {
    double l = 0;
    for (size_t i = 0; i < x.size(); ++i) {
      double z = a * x[i] + b;
      l += (y[i] ? std::log1p(std::exp(-z)) : std::log1p(std::exp(z)));
    }
    return l;
  };
  double a = 1, b = 0, current = loss(a, b);
  for (int iter = 0; iter < 100; ++iter) {
    double ga = 0, gb = 0, haa = 1e-9, hab = 0, hbb = 1e-9;
    for (size_t i = 0; i < x.size(); ++i) {
      double p = 1 / (1 + std::exp(-(a * x[i] + b)));
      double w = p * (1 - p);
      ga += (p - y[i]) * x[i];
      gb += p - y[i];
      haa += w * x[i] * x[i];
      hab += w * x[i];
      hbb += w;
    }
    double det = haa * hbb - hab * hab;
    if (std::abs(det) < 1e-12) break;
    double da = (hbb * ga - hab * gb) / det, db = (haa * gb - hab * ga) / det;
    double step = 1;
    while (step > 1e-6 && loss(a - step * da, b - step * db) > current) step /= 2;
    if (step <= 1e-6) break;
    a -= step * da;
    b -= step * db;
    double next = loss(a, b);
    if (current - next < 1e-9 * (1 + current)) break;
    current = next;
  }
  return {a, b};
}

// The lowest threshold on `p` at which the false-alarm rate on the ham rows
// of one kind (mail or not) stays within the targets.
double ChooseThreshold(const std::vector<Row>& dev, const std::vector<double>& p, bool mail, double far,
                       double far_per_dataset) {
  std::vector<double> candidates;
  for (size_t i = 0; i < dev.size(); ++i)
    if (dev[i].label == "ham" && dev[i].mail == mail) candidates.push_back(p[i]);
  std::sort(candidates.begin(), candidates.end());
  candidates.push_back(1.0);
  auto ok = [&](double t) {
    std::map<std::string, std::pair<int, int>> per;  // dataset -> (ham, warned)
    int ham = 0, warned = 0;
    for (size_t i = 0; i < dev.size(); ++i) {
      if (dev[i].label != "ham" || dev[i].mail != mail) continue;
      ++ham;
      ++per[dev[i].dataset].first;
      if (p[i] >= t) ++warned, ++per[dev[i].dataset].second;
    }
    if (warned > far * ham) return false;
    for (const auto& [name, counts] : per)
      if (counts.first >= 100 && counts.second > far_per_dataset * counts.first) return false;
    return true;
  };
  // Binary search over the sorted ham scores: `ok` only gets easier as t grows.
  size_t lo = 0, hi = candidates.size() - 1;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (ok(std::nextafter(candidates[mid], 2.0))) hi = mid;
    else lo = mid + 1;
  }
  return std::min(1.0, std::nextafter(candidates[lo], 2.0));
}

}  // namespace

Status TrainScamModel(const TrainOptions& o, std::ostream& log) {
  std::vector<Row> train, dev;
  std::string train_hash, dev_hash;
  REDFLAG_RETURN_IF_ERROR(ReadRows(o.train_path, &train, &train_hash));
  REDFLAG_RETURN_IF_ERROR(ReadRows(o.dev_path, &dev, &dev_hash));
  if (o.spam_as != "scam" && o.spam_as != "ham" && o.spam_as != "skip")
    return InvalidArgument("spam rows are learnt as scam, ham or skip, not '" + o.spam_as + "'");
  REDFLAG_RETURN_IF_ERROR(CheckFeatureSpec(o.spec));
  auto positive = [&](const std::string& label) { return label == "scam" || (o.spam_as == "scam" && label == "spam"); };
  log << "train: " << train.size() << " rows, dev: " << dev.size() << " rows\n";

  // liblinear's problem: one sparse row per message (1-based feature indices),
  // then the bias feature, then the end marker.
  const int features = 1 << o.spec.bits;
  std::vector<std::vector<feature_node>> rows;
  std::vector<double> labels;
  FeatureExtractor extractor(o.spec);
  std::vector<FeatureOccurrence> occurrences;
  for (const Row& r : train) {
    if (r.words.empty() || (r.label == "spam" && o.spam_as == "skip")) continue;
    extractor.Extract(r.words, &occurrences);
    std::vector<feature_node> x;
    for (const auto& [index, value] : FeatureRow(occurrences)) x.push_back({static_cast<int>(index) + 1, value});
    x.push_back({features + 1, 1.0});
    x.push_back({-1, 0});
    rows.push_back(std::move(x));
    labels.push_back(positive(r.label) ? 1 : -1);
  }
  size_t scams = std::count(labels.begin(), labels.end(), 1.0);
  if (scams == 0 || scams == labels.size())
    return InvalidArgument(o.train_path + ": training needs both scam and ham rows (found " + std::to_string(scams) +
                           " scam of " + std::to_string(labels.size()) + ")");
  std::vector<feature_node*> row_starts;
  for (auto& row : rows) row_starts.push_back(row.data());
  problem prob{static_cast<int>(rows.size()), features + 1, labels.data(), row_starts.data(), 1.0};
  int weight_label[] = {1};
  double weight[] = {o.scam_weight};
  parameter param{L2R_LR, o.eps, o.c, 1, weight_label, weight, 0.1, nullptr};
  if (const char* error = check_parameter(&prob, &param)) return InvalidArgument(std::string("liblinear: ") + error);
  set_print_string_function([](const char*) {});
  model* trained = ::train(&prob, &param);
  if (trained == nullptr) return Internal("liblinear did not train");
  int scam_index = trained->label[0] == 1 ? 0 : 1;  // the decision value leans to label[0]
  std::vector<double> w(features);
  for (int i = 0; i < features; ++i) w[i] = get_decfun_coef(trained, i + 1, scam_index);
  double bias = get_decfun_bias(trained, scam_index);
  free_and_destroy_model(&trained);
  rows.clear();
  rows.shrink_to_fit();
  double weight_scale = 1;
  std::string bytes = QuantizeWeights(w, &weight_scale);
  {
    std::ofstream out(o.out_path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) return Internal("cannot write " + o.out_path);
  }
  nlohmann::ordered_json features_json = {{"bits", o.spec.bits}, {"char_min", o.spec.char_min},
                                           {"char_max", o.spec.char_max}, {"word_pairs", o.spec.word_pairs}};
  nlohmann::ordered_json weights_json = {{"file", std::filesystem::path(o.out_path).filename().string()},
                                         {"scale", weight_scale}, {"bias", bias}};
  // Score dev with the model as it will be loaded (16-bit weights), before calibration.
  nlohmann::ordered_json uncalibrated = {{"features", features_json}, {"weights", weights_json},
                                         {"calibration", {{"scale", 1}, {"offset", 0}}},
                                         {"thresholds", {{"message", {{"suspicious", 1}, {"scam", 1}}},
                                                         {"mail", {{"suspicious", 1}, {"scam", 1}}}}}};
  StatusOr<std::unique_ptr<ScamModel>> raw = ScamModel::Load(bytes, uncalibrated.dump());
  if (!raw.ok()) return raw.status();
  std::vector<double> x;
  std::vector<int> y;
  std::vector<double> fit_x;
  for (const Row& r : dev) {
    x.push_back((*raw)->Score(r.words).log_odds);
    y.push_back(positive(r.label) ? 1 : 0);
  }
  std::vector<int> fit_y;
  for (size_t i = 0; i < dev.size(); ++i)
    if (!(dev[i].label == "spam" && o.spam_as == "skip")) fit_x.push_back(x[i]), fit_y.push_back(y[i]);
  auto [scale, offset] = FitPlatt(fit_x, fit_y);
  log << "dev log-odds calibrated as p = 1 / (1 + exp(-(" << scale << " x + " << offset << ")))\n";
  std::vector<double> p;
  for (double v : x) p.push_back(1 / (1 + std::exp(-(scale * v + offset))));
  nlohmann::ordered_json thresholds;
  for (bool mail : {false, true}) {
    double suspicious = ChooseThreshold(dev, p, mail, o.suspicious_far, o.suspicious_far_per_dataset);
    double scam = std::max(suspicious, ChooseThreshold(dev, p, mail, o.scam_far, o.scam_far));
    int scam_rows = 0, scam_hit = 0, spam_rows = 0, spam_hit = 0;
    for (size_t i = 0; i < dev.size(); ++i) {
      if (dev[i].mail != mail) continue;
      if (dev[i].label == "scam") ++scam_rows, scam_hit += p[i] >= suspicious;
      if (dev[i].label == "spam") ++spam_rows, spam_hit += p[i] >= suspicious;
    }
    const char* kind = mail ? "mail" : "message";
    log << "model alone on dev " << kind << "s: scam recall " << (scam_rows ? double(scam_hit) / scam_rows : 0)
        << " of " << scam_rows << ", spam warned " << (spam_rows ? double(spam_hit) / spam_rows : 0)
        << " at p >= " << suspicious << " (scam at p >= " << scam << ")\n";
    thresholds[kind] = {{"suspicious", suspicious}, {"scam", scam}};
  }
  thresholds["chosen_for"] = {{"dev_ham_far", o.suspicious_far},
                              {"dev_ham_far_per_dataset", o.suspicious_far_per_dataset},
                              {"dev_ham_far_scam", o.scam_far}};

  std::time_t now = std::time(nullptr);
  char date[16];
  std::strftime(date, sizeof date, "%Y-%m-%d", std::gmtime(&now));
  nlohmann::ordered_json side;
  side["schema"] = "redflag.model/1";
  side["trained"] = date;
  side["data"] = {{"train_fnv1a64", train_hash}, {"dev_fnv1a64", dev_hash}, {"train_rows", train.size()},
                  {"dev_rows", dev.size()}, {"spam_as", o.spam_as}};
  side["liblinear"] = {{"solver", "L2R_LR"}, {"C", o.c}, {"eps", o.eps}, {"scam_weight", o.scam_weight}};
  side["features"] = features_json;
  side["weights"] = weights_json;
  side["calibration"] = {{"method", "platt on dev"}, {"scale", scale}, {"offset", offset}};
  side["thresholds"] = thresholds;
  std::string json_path = o.out_path.substr(0, o.out_path.rfind('.')) + ".json";
  std::ofstream js(json_path);
  js << side.dump(2) << '\n';
  if (!js) return Internal("cannot write " + json_path);
  log << "wrote " << o.out_path << " (" << bytes.size() << " bytes) and " << json_path << '\n';
  return Status::Ok();
}

}  // namespace redflag
