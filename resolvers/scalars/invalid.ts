import { GraphQLError } from 'graphql';

/** A scalar input error: graphql-js keeps these extensions when it wraps the error for a variable. */
export const invalidScalar = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
