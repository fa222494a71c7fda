// redflag eval: detection quality on labelled JSON Lines (see src/eval/eval.h).
#include "eval/eval.h"

#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "common.h"
#include "intake/jsonl.h"

namespace redflag::cli {
namespace {

struct EvalOptions {
  EngineOptions engine;
  std::string input;
  std::string by;
  std::string format = "text";
  size_t errors = 0;
  bool without_cues = false;
  std::string scores;  // out-of-fold probabilities by id (`redflag train --scores`)
};

// `redflag train --scores` output: each row's out-of-fold probability by id. False, with the reason on
// standard error naming the file and line, when the file cannot be read.
bool ReadScores(const std::string& path, std::unordered_map<std::string, double>* scores) {
  std::ifstream in(path);
  if (!in) {
    std::cerr << "redflag eval: cannot read " << path << "\n";
    return false;
  }
  size_t number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto row = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (row.is_discarded() || !row.is_object() || !row.contains("id") || !row["id"].is_string() ||
        !row.contains("p") || !row["p"].is_number()) {
      std::cerr << path << ":" << number << ": not a score line ({\"id\": string, \"p\": number})\n";
      return false;
    }
    (*scores)[row["id"].get<std::string>()] = row["p"].get<double>();
  }
  return true;
}

int RunEval(const EvalOptions& o) {
  int exit_code = kExitOk;
  auto analyzer = LoadAnalyzer(o.engine, &exit_code);
  if (!analyzer) return exit_code;
  std::unordered_map<std::string, double> scores;
  if (!o.scores.empty() && !ReadScores(o.scores, &scores)) return kExitBadInput;
  std::ifstream file;
  std::istream* in = OpenInput(o.input, &file, &exit_code);
  if (!in) return exit_code;
  LineReader reader(*in, o.engine.max_bytes * 2);
  JsonlParser parser;
  Evaluation evaluation(o.by, o.errors);
  std::string line;
  bool too_long = false;
  while (reader.Next(&line, &too_long)) {
    std::string where = o.input + ":" + std::to_string(reader.line_number()) + ": ";
    if (!too_long && line.find_first_not_of(" \t\r") == std::string::npos) continue;
    if (too_long) {
      std::cerr << where << "line over " << o.engine.max_bytes * 2 << " bytes, skipped\n";
      evaluation.AddFailure();
      continue;
    }
    auto record = parser.Parse(line);
    if (!record.ok()) {
      std::cerr << where << record.status().message() << "\n";
      evaluation.AddFailure();
      continue;
    }
    Label label;
    if (!ParseLabel(record->label, &label)) {
      std::cerr << where << "'label' must be scam, spam or ham, not '" << record->label << "'\n";
      evaluation.AddFailure();
      continue;
    }
    if (o.without_cues) {  // a text that is only an address stays as it is: nothing else is left to read
      std::string text = WithoutCorpusCues(record->message.text), subject = WithoutCorpusCues(record->message.subject);
      if (text.find_first_not_of(" \t\r\n") != std::string::npos || !subject.empty()) {
        record->message.text = std::move(text);
        record->message.subject = std::move(subject);
      }
    }
    auto report = [&]() -> StatusOr<Report> {
      if (o.scores.empty()) return analyzer->Analyze(record->message);
      auto score = scores.find(record->id);
      if (score == scores.end())
        return InvalidArgument("no score for id '" + record->id + "' in " + o.scores);
      return analyzer->AnalyzeWithModelProbability(record->message, score->second);
    }();
    if (!report.ok()) {
      std::cerr << where << report.status().message() << "\n";
      evaluation.AddFailure();
      continue;
    }
    const Message& m = record->message;
    std::string group = o.by == "dataset" ? record->dataset
                        : o.by == "lang"  ? m.lang
                        : o.by == "channel" ? std::string(ChannelName(m.channel))
                        : o.by == "label" ? record->label : "";
    evaluation.Add(label, group, record->id, record->dataset, o.errors > 0 ? m.text : "", *report);
  }
  if (o.format == "json") std::cout << evaluation.ToJson().dump(2) << "\n";
  else if (o.format == "markdown") std::cout << evaluation.ToMarkdown();
  else std::cout << evaluation.ToText();
  return evaluation.failures() > 0 ? kExitBadInput : kExitOk;
}

}  // namespace

void AddEvalCommand(CLI::App* app, int* exit_code) {
  auto options = std::make_shared<EvalOptions>();
  CLI::App* cmd = app->add_subcommand(
      "eval", "Detection quality on labelled JSON Lines (text, label = scam|spam|ham, optional dataset, lang, channel)");
  cmd->add_option("file", options->input, "The labelled JSON Lines file ('-' = standard input)")->required();
  cmd->add_option("--by", options->by, "Also give the figures per dataset, lang, channel or label")
      ->check(CLI::IsMember({"dataset", "lang", "channel", "label"}));
  cmd->add_option("--format", options->format, "text, json or markdown (the README's table)")
      ->check(CLI::IsMember({"text", "json", "markdown"}))
      ->capture_default_str();
  cmd->add_flag("--without-cues", options->without_cues,
               "Lower-case every text, write each digit X and drop e-mail addresses first (see README)");
  cmd->add_option("--errors", options->errors, "List the N worst misses and false alarms, with their texts");
  auto* scores =
      cmd->add_option("--scores", options->scores,
                      "Judge each row by its out-of-fold model probability from this file (`redflag train "
                      "--scores`, the same run as the model), not by the model's own score");
  scores->excludes("--without-cues");
  AddEngineOptions(cmd, &options->engine);
  scores->excludes("--no-model");
  cmd->callback([options, exit_code] { *exit_code = RunEval(*options); });
}

}  // namespace redflag::cli
