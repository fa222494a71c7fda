// redflag train: rebuilds the scam model from the labelled corpus (src/model/train.h).
#include <iostream>

#include "common.h"
#include "model/train.h"

namespace redflag::cli {

void AddTrainCommand(CLI::App* app, int* exit_code) {
  auto o = std::make_shared<TrainOptions>();
  CLI::App* cmd = app->add_subcommand(
      "train",
      "Rebuild the scam model (model/scam.weights and model/scam.json) from train.jsonl and dev.jsonl");
  cmd->add_option("--train", o->train_path, "Labelled JSON Lines to fit on")->required()->check(CLI::ExistingFile);
  cmd->add_option("--dev", o->dev_path, "Labelled JSON Lines to calibrate and choose thresholds on")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--supplement", o->supplement_paths,
                  "Hand-written labelled JSON Lines added to --train's rows (repeatable; see "
                  "model/supplement/README.md)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--out", o->out_path, "Where to write the model (its .json goes beside it)")->capture_default_str();
  cmd->add_option(
      "--scores", o->scores_path,
      "Also write each scored row's out-of-fold probability here (JSON Lines: id, dataset, label, mail, p)");
  cmd->add_option("--spam-as", o->spam_as, "Learn spam rows as scam, ham, or skip them")
      ->check(CLI::IsMember({"scam", "ham", "skip"}))
      ->capture_default_str();
  cmd->add_option("--bits", o->spec.bits, "Hashed features: 2^bits")->check(CLI::Range(8, 24))->capture_default_str();
  cmd->add_option("--char-min", o->spec.char_min, "Shortest character n-gram")->check(CLI::Range(1, 8))
      ->capture_default_str();
  cmd->add_option("--char-max", o->spec.char_max, "Longest character n-gram")->check(CLI::Range(1, 8))
      ->capture_default_str();
  cmd->add_option("--cost", o->c, "liblinear's C (less regularisation as it grows)")->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_option("--scam-weight", o->scam_weight, "How much a scam row counts against a ham row")
      ->check(CLI::PositiveNumber)->capture_default_str();
  cmd->add_option("--eps", o->eps, "liblinear's stopping tolerance")->check(CLI::PositiveNumber)->capture_default_str();
  cmd->add_option("--far", o->suspicious_far,
                  "Largest share of ham (dev, or out of fold train and dev) the model alone may warn")
      ->capture_default_str();
  cmd->add_option("--far-per-dataset", o->suspicious_far_per_dataset, "The same, for each data set's ham")
      ->capture_default_str();
  cmd->add_option("--far-scam", o->scam_far, "Largest share of that ham the model alone may call a scam")
      ->capture_default_str();
  cmd->add_option("--folds", o->folds,
                  "0: fit on train only and calibrate on dev. K >= 2: also fit on dev, calibrating on "
                  "out-of-fold train and dev scores")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  cmd->callback([o, exit_code] {
    Status s = TrainScamModel(*o, std::cerr);
    *exit_code = s.ok() ? kExitOk : Fail(s);
  });
}

}  // namespace redflag::cli
