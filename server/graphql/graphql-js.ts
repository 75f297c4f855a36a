/**
 * The one door to graphql-js for server code. graphql 16 ships a CommonJS build (`main`) and an
 * ES module build (`module`) with no `exports` map. Node, and so Apollo Server, loads the CommonJS
 * build; Vite (vitest) prefers `module` and would load the other one. Two copies mean two realms:
 * a scalar or a type check from one fails against a schema from the other ("Cannot use
 * GraphQLNonNull from another module or realm"). Importing the CommonJS entry by its path gives
 * every loader the very instance Apollo uses.
 */
export {
  GraphQLError,
  GraphQLScalarType,
  Kind,
  OperationTypeNode,
  getNamedType,
  getNullableType,
  isLeafType,
  isListType,
  isObjectType,
} from 'graphql/index.js';
