/**
 * The scenario simulator: the scenario language, the deterministic engine, reply analysis,
 * scoring and the model checker. Pure: time, seed and actions are always arguments.
 */

export { analyseText, CHECKS } from "./analysis";
export type { AnalysisContext, Finding, PersonalDetail } from "./analysis/finding";
export {
  findCaseReferences,
  findDatesOfBirth,
  findEmailAddresses,
  findNationalInsuranceNumbers,
  findPersonaDetails,
  findPersonalData,
  findPhoneNumbers,
  findPostcodes,
  findStreetAddresses,
} from "./analysis/personal-data";
export {
  findApology,
  findCorrection,
  findDefensive,
  findHostile,
  findOverPromise,
  findPartyPolitical,
  findSarcasm,
  findShouting,
  findSignposting,
  findTooLong,
} from "./analysis/tone";
export type {
  CheckFailure,
  CheckOptions,
  CheckProperty,
  CheckReport,
  PathStep,
} from "./checker/check";
export { CHECK_SEED, checkScenario, describeStep } from "./checker/check";
export type { FileReport } from "./checker/source";
export { checkSource, formatFileReport } from "./checker/source";
export type { TraineeAction, TraineeActionType } from "./engine/actions";
export { MAX_TEXT_LENGTH, traineeActionSchema } from "./engine/actions";
export type { ScenarioMachine } from "./engine/compile";
export { compileScenario } from "./engine/compile";
export type { ActionCheck, ReplayInput } from "./engine/replay";
export { replay, validateAction } from "./engine/replay";
export type {
  Author,
  DebriefEntry,
  EndingView,
  FeedItemView,
  MessageThread,
  RunStatus,
  RunView,
  ScoreLine,
  ScoreView,
  TrainerGrade,
} from "./engine/view";
export type {
  DebriefNote,
  NotificationState as Notification,
  PendingGrade,
  TextFindings,
} from "./engine/world";
export { formatClock, parseDuration } from "./schema/duration";
export type {
  FindingKind,
  PersonaKind,
  ReportReason,
  Scenario,
  ScenarioDocument,
  Team,
} from "./schema/scenario";
export {
  FINDING_KINDS,
  PERSONA_KINDS,
  REPORT_REASONS,
  scenarioSchema,
  TEAMS,
} from "./schema/scenario";
export type { ParseOptions, ParseResult, ScenarioError } from "./schema/validate";
export { parseScenario, parseScenarioYaml } from "./schema/validate";
