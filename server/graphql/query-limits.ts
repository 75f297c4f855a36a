import { GraphQLError, Kind, OperationTypeNode, getNamedType, getNullableType, isLeafType, isListType, isObjectType } from 'graphql';
import type {
  ASTVisitor,
  FieldNode,
  FragmentDefinitionNode,
  GraphQLField,
  GraphQLObjectType,
  GraphQLSchema,
  OperationDefinitionNode,
  SelectionSetNode,
  ValidationContext,
  ValidationRule,
  ValueNode,
} from 'graphql';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, MAX_RUNS } from '../../schema/graphql/type-defs.ts';

/**
 * Query limits, as graphql-js validation rules that run beside the specified rules (so a query
 * hears about every problem at once), plus the token and length limits applied before and during
 * parsing. Which rule measures what (docs/decisions/066-query-limits-and-graphql-armor.md):
 *
 * - depth, aliases, directives: GraphQL Armor's rules (`@escape.tech/graphql-armor-max-*`), which
 *   memoise fragments (a fragment bomb is measured, never expanded). Their rejection is turned into
 *   our error: code BAD_USER_INPUT, `extensions.limit`, a message naming the limit and the figure.
 * - cost and expanded selections: our rule below. Armor's cost model knows nothing of this schema
 *   (it multiplies by a literal `first` only and costs a variable `first` at 1); ours multiplies
 *   `edges` by the page size, costs a variable at its maximum and makes mutations dear. Armor has
 *   no selection count; ours does what Apollo's recursive-selection limit does, with a bound that
 *   fits this schema (Apollo's own is off: it would defer our rules to a second pass).
 * - tokens: graphql-js's own `maxTokens` parse option (Armor's max-tokens is an envelop parser
 *   plugin that Apollo cannot load, doing the same count through a lexer proxy).
 *
 * Introspection subtrees (`__schema`, `__type`) are left to graphql-js's own
 * MaxIntrospectionDepthRule (part of the specified rules) and to the introspection switch.
 */

export interface QueryLimits {
  /** Characters of the query text (checked before parsing). */
  maxQueryLength: number;
  /** Lexical tokens (graphql-js stops parsing past this). */
  maxTokens: number;
  /** Nesting of fields, fragments flattened. */
  maxDepth: number;
  /** Aliased fields per operation, counted as executed (a fragment spread twice counts twice). */
  maxAliases: number;
  /** Directives per operation, counted as executed. */
  maxDirectives: number;
  /** Estimated cost (see {@link FIELD_COSTS}). */
  maxCost: number;
  /** Field selections with fragments expanded (what Apollo's recursive-selection limit counts). */
  maxSelections: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxQueryLength: 12_000,
  maxTokens: 2_000,
  maxDepth: 8,
  maxAliases: 15,
  maxDirectives: 10,
  maxCost: 3_000,
  maxSelections: 2_000,
};

/**
 * The cost model. A field of object type costs 1 and a scalar 0, unless listed here; a list field
 * multiplies its children's cost by the list's expected length: `JobConnection.edges` by the
 * connection's `first`, `scrapeRuns` by `last`, other lists by {@link LIST_FACTORS} or 5. A
 * mutation costs 500 so that at most five fit in one request: each one writes and waits for the
 * index. An argument given as a variable is costed at its maximum, since variables are not known
 * at validation time.
 */
export const FIELD_COSTS: Readonly<Record<string, number>> = {
  'Query.searchJobs': 10,
  'Query.salaryStats': 10,
  'Query.salaryTrend': 10,
  'Query.marketPosition': 10,
  'Query.settings': 5,
  'Query.roleFamilies': 5,
  'Query.scrapeRuns': 5,
  'Query.job': 2,
  'Query.me': 2,
  'Mutation.registerEmployer': 500,
  'Mutation.postJob': 500,
  'Mutation.updateJob': 500,
  'Mutation.closeJob': 500,
};
const LIST_FACTORS: Readonly<Record<string, number>> = {
  'Query.salaryStats': 20,
  'Query.salaryTrend': 24,
  'Query.settings': 10,
  'Query.roleFamilies': 10,
};
const DEFAULT_LIST_FACTOR = 5;

export type LimitName = 'depth' | 'aliases' | 'directives' | 'cost' | 'selections' | 'tokens' | 'queryLength';

/** A limit error: code BAD_USER_INPUT and `extensions.limit` naming the limit. */
export function limitError(limit: LimitName, message: string, nodes?: FieldNode | OperationDefinitionNode): GraphQLError {
  return new GraphQLError(message, { nodes, extensions: { code: 'BAD_USER_INPUT', limit } });
}

interface Measure {
  cost: number;
  selections: number;
}

const ZERO: Measure = { cost: 0, selections: 0 };

class OperationAnalyser {
  private readonly memo = new Map<string, Measure>();
  private readonly inProgress = new Set<string>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  ) {}

  operation(op: OperationDefinitionNode): Measure {
    const root =
      op.operation === OperationTypeNode.QUERY
        ? this.schema.getQueryType()
        : op.operation === OperationTypeNode.MUTATION
          ? this.schema.getMutationType()
          : this.schema.getSubscriptionType();
    return this.selectionSet(op.selectionSet, root ?? undefined, DEFAULT_PAGE_SIZE);
  }

  private selectionSet(set: SelectionSetNode, type: GraphQLObjectType | undefined, pageSize: number): Measure {
    const total: Measure = { ...ZERO };
    for (const sel of set.selections) {
      let m: Measure;
      if (sel.kind === Kind.FIELD) m = this.field(sel, type, pageSize);
      else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const cond = sel.typeCondition ? this.schema.getType(sel.typeCondition.name.value) : type;
        m = this.selectionSet(sel.selectionSet, isObjectType(cond) ? cond : type, pageSize);
      } else {
        m = this.fragment(sel.name.value, pageSize);
      }
      total.cost += m.cost;
      total.selections += m.selections;
    }
    return total;
  }

  private fragment(name: string, pageSize: number): Measure {
    const key = `${name}|${pageSize}`;
    const known = this.memo.get(key);
    if (known) return known;
    const def = this.fragments.get(name);
    // Unknown fragments and cycles are reported by the specified rules; count nothing here.
    if (!def || this.inProgress.has(key)) return ZERO;
    this.inProgress.add(key);
    const type = this.schema.getType(def.typeCondition.name.value);
    const m = this.selectionSet(def.selectionSet, isObjectType(type) ? type : undefined, pageSize);
    this.inProgress.delete(key);
    this.memo.set(key, m);
    return m;
  }

  private field(node: FieldNode, parent: GraphQLObjectType | undefined, pageSize: number): Measure {
    const name = node.name.value;
    // Introspection: guarded by MaxIntrospectionDepthRule and the introspection switch.
    if (name.startsWith('__')) return { cost: 0, selections: 1 };
    const def: GraphQLField<unknown, unknown> | undefined = parent?.getFields()[name];
    const key = `${parent?.name ?? '?'}.${name}`;
    const leaf = def ? isLeafType(getNamedType(def.type)) : !node.selectionSet;
    const base = FIELD_COSTS[key] ?? (leaf ? 0 : 1);
    if (!node.selectionSet) return { cost: base, selections: 1 };

    let childPageSize = pageSize;
    if (key === 'Query.searchJobs') childPageSize = intArgument(node, 'first', DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    const named = def ? getNamedType(def.type) : undefined;
    const child = this.selectionSet(node.selectionSet, isObjectType(named) ? named : undefined, childPageSize);
    let factor = 1;
    if (def && isListType(getNullableType(def.type))) {
      if (key === 'JobConnection.edges') factor = pageSize;
      else if (key === 'Query.scrapeRuns') factor = intArgument(node, 'last', 20, MAX_RUNS);
      else factor = LIST_FACTORS[key] ?? DEFAULT_LIST_FACTOR;
    }
    return { cost: base + factor * child.cost, selections: 1 + child.selections };
  }
}

/** A literal int argument (clamped to 1..max), the maximum when it is a variable, the default when absent. */
function intArgument(node: FieldNode, name: string, def: number, max: number): number {
  const arg = node.arguments?.find((a) => a.name.value === name);
  if (!arg) return def;
  const v: ValueNode = arg.value;
  if (v.kind === Kind.INT) return Math.min(Math.max(Number(v.value), 1), max);
  if (v.kind === Kind.NULL) return def;
  return max;
}

type ArmorLimit = 'depth' | 'aliases' | 'directives';

const ARMOR_WORDING: Record<ArmorLimit, (name: string, found: string, max: number) => string> = {
  depth: (name, found, max) => `depth limit: ${name} nests fields ${found} deep; the maximum is ${max}`,
  aliases: (name, found, max) => `alias limit: ${name} uses ${found} aliases; the maximum is ${max}`,
  directives: (name, found, max) => `directive limit: ${name} uses ${found} directives; the maximum is ${max}`,
};

/** What an Armor rule's visitor looks like to graphql-js: an `OperationDefinition.enter` that measures the operation. */
interface ArmorVisitor {
  readonly OperationDefinition: Record<string, unknown>;
}

type ArmorCallback = (context: ValidationContext | null, details: { n?: number } | GraphQLError) => void;

/**
 * One of GraphQL Armor's rules, with its rejection reported as our limit error. Armor reports
 * "Syntax Error: Query depth limit of 8 exceeded, found 9." (a misleading prefix, no code); the
 * figure comes from its `onAccept`-style callback, which Armor calls with the error, so the
 * message is rebuilt from the figure and the operation being measured.
 */
function armorLimitRule(limit: ArmorLimit, max: number, make: (callbacks: { onReject: ArmorCallback[]; propagateOnRejection: false }) => (context: ValidationContext) => ArmorVisitor) {
  return function ArmorLimitRule(context: ValidationContext): ASTVisitor {
    let current: OperationDefinitionNode | undefined;
    const onReject: ArmorCallback = (_ctx, details) => {
      const text = details instanceof GraphQLError ? details.message : '';
      const found = /found (\d+(?:\.\d+)?(?:e\+\d+)?)/.exec(text)?.[1];
      const figure = found === undefined ? `more than ${max}` : formatCount(Number(found));
      const name = current?.name ? `operation ${current.name.value}` : 'the operation';
      context.reportError(limitError(limit, ARMOR_WORDING[limit](name, figure, max), current));
    };
    const visitor = make({ onReject: [onReject], propagateOnRejection: false })(context);
    const enter = (visitor.OperationDefinition as { enter?: (this: ArmorVisitor, op: OperationDefinitionNode) => void }).enter;
    return {
      OperationDefinition(op) {
        current = op;
        enter?.call(visitor, op);
        return false;
      },
    };
  };
}

/**
 * The validation rules: Armor's depth, alias and directive limits, and our cost and selection
 * limits; one error per limit exceeded, each naming the limit, its maximum and the query's figure.
 */
export function createQueryLimitRules(limits: QueryLimits = DEFAULT_QUERY_LIMITS): ValidationRule[] {
  return [
    // Fragments flattened: a spread adds the fragment's depth, not one more level.
    armorLimitRule('depth', limits.maxDepth, (cb) => maxDepthRule({ n: limits.maxDepth, flattenFragments: true, ignoreIntrospection: true, ...cb })),
    // __typename aliases count too: a fragment bomb of aliased __typename is still a flood.
    armorLimitRule('aliases', limits.maxAliases, (cb) => maxAliasesRule({ n: limits.maxAliases, allowList: [], ...cb })),
    armorLimitRule('directives', limits.maxDirectives, (cb) => maxDirectivesRule({ n: limits.maxDirectives, ...cb })),
    createCostAndSelectionRule(limits),
  ];
}

/** Our rule: estimated cost and expanded selections (see {@link FIELD_COSTS}), and no subscriptions. */
function createCostAndSelectionRule(limits: QueryLimits): ValidationRule {
  return function QueryLimitsRule(context: ValidationContext): ASTVisitor {
    const doc = context.getDocument();
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
    const analyser = new OperationAnalyser(context.getSchema(), fragments);
    return {
      OperationDefinition(op) {
        const m = analyser.operation(op);
        const name = op.name ? `operation ${op.name.value}` : 'the operation';
        if (m.cost > limits.maxCost) {
          context.reportError(
            limitError('cost', `cost limit: ${name} is estimated at ${formatCount(m.cost)}; the maximum is ${limits.maxCost} (ask for fewer results with first, or fewer fields)`, op),
          );
        }
        if (m.selections > limits.maxSelections) {
          context.reportError(
            limitError('selections', `selection limit: ${name} selects ${formatCount(m.selections)} fields once fragments are expanded; the maximum is ${limits.maxSelections}`, op),
          );
        }
        if (op.operation === OperationTypeNode.SUBSCRIPTION) {
          context.reportError(new GraphQLError('subscriptions are not supported by this API: use a query', { nodes: op }));
        }
        return false;
      },
    };
  };
}

function formatCount(n: number): string {
  return n > 1e9 ? 'more than 1,000,000,000' : Math.round(n).toLocaleString('en-US');
}
