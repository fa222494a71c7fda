// redflag train: rebuilds the scam model from the labelled corpus (src/model/train.h).
#include <iostream>

#include "common.h"
#include "model/train.h"

namespace redflag::cli {

void AddTrainCommand(CLI::App* app, int* exit_code) {
  auto o = std::make_shared<TrainOptions>();
  CLI::App* cmd = app->add_subcommand(
      "train", "Rebuild the scam model (model/scam.ftz and model/scam.json) from train.jsonl; thresholds from dev.jsonl");
  cmd->add_option("--train", o->train_path, "Labelled JSON Lines to fit on")->required()->check(CLI::ExistingFile);
  cmd->add_option("--dev", o->dev_path, "Labelled JSON Lines to calibrate and choose thresholds on")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--out", o->out_path, "Where to write the model (its .json goes beside it)")->capture_default_str();
  cmd->add_option("--spam-as", o->spam_as, "Learn spam rows as scam, ham, or skip them")
      ->check(CLI::IsMember({"scam", "ham", "skip"}))
      ->capture_default_str();
  cmd->add_option("--scam-repeat", o->scam_repeat, "Repeat each scam row this many times")->capture_default_str();
  cmd->add_option("--dim", o->dim)->capture_default_str();
  cmd->add_option("--epoch", o->epoch)->capture_default_str();
  cmd->add_option("--lr", o->lr)->capture_default_str();
  cmd->add_option("--min-count", o->min_count)->capture_default_str();
  cmd->add_option("--minn", o->minn)->capture_default_str();
  cmd->add_option("--maxn", o->maxn)->capture_default_str();
  cmd->add_option("--word-ngrams", o->word_ngrams)->capture_default_str()->check(CLI::IsMember({1}));
  cmd->add_option("--bucket", o->bucket)->capture_default_str();
  cmd->add_option("--cutoff", o->quantize_cutoff, "Rows kept when quantising")->capture_default_str();
  cmd->add_option("--seed", o->seed)->capture_default_str();
  cmd->add_option("--far", o->suspicious_far, "Largest share of dev ham the model alone may warn")->capture_default_str();
  cmd->add_option("--far-per-dataset", o->suspicious_far_per_dataset, "The same, for each data set's ham")
      ->capture_default_str();
  cmd->add_option("--far-scam", o->scam_far, "Largest share of dev ham the model alone may call a scam")
      ->capture_default_str();
  cmd->callback([o, exit_code] {
    Status s = TrainScamModel(*o, std::cerr);
    *exit_code = s.ok() ? kExitOk : Fail(s);
  });
}

}  // namespace redflag::cli
