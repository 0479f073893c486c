/** OpenAPI 3.0 → JSON Schema conversion, each feature on a tiny hand-written schema. */
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../../contracts/harness/openapi/document.js';
import { SchemaCompiler, toJsonPath, type Direction } from '../../../../contracts/harness/openapi/schema.js';

const ref = (name: string): JsonObject => ({ $ref: `#/components/schemas/${name}` });

/** Validates `data` against `schema` with `components.schemas = schemas`; returns "path rule" strings. */
function issues(schemas: Record<string, JsonObject>, schema: JsonObject, data: unknown, dir: Direction = 'response', strictOneOf = false): string[] {
  const c = new SchemaCompiler({ components: { schemas } }, { strictOneOf });
  // Sorted: the order of schema errors carries no meaning.
  return c
    .validate(schema, dir, data)
    .map((i) => `${i.jsonPath} ${i.rule}`)
    .sort();
}

describe('nullable', () => {
  const schemas = {
    Thing: {
      type: 'object',
      properties: {
        s: { type: 'string', nullable: true },
        plain: { type: 'string' },
        e: { type: 'string', enum: ['A', 'B'], nullable: true },
        o: { nullable: true, allOf: [ref('Inner')] },
      },
    },
    Inner: { type: 'object', required: ['x'], properties: { x: { type: 'integer' } } },
  };
  it('allows null only where nullable: true', () => {
    expect(issues(schemas, ref('Thing'), { s: null, e: null, o: null })).toEqual([]);
    expect(issues(schemas, ref('Thing'), { plain: null })).toEqual(['$.plain type']);
  });
  it('still validates non-null values of nullable schemas', () => {
    expect(issues(schemas, ref('Thing'), { s: 3, e: 'C', o: {} })).toEqual(['$.e enum', '$.o.x required', '$.s type']);
  });
});

describe('readOnly / writeOnly', () => {
  const schemas = {
    User: {
      type: 'object',
      required: ['id', 'password', 'name'],
      properties: {
        id: { type: 'string', readOnly: true },
        password: { type: 'string', writeOnly: true },
        name: { type: 'string' },
        audit: ref('Audit'),
      },
    },
    Audit: { type: 'object', readOnly: true, properties: { by: { type: 'string' } } },
  };
  it('in a response: writeOnly is never required and must not be present; readOnly is required', () => {
    expect(issues(schemas, ref('User'), { id: 'a', name: 'n' })).toEqual([]);
    expect(issues(schemas, ref('User'), { name: 'n' })).toEqual(['$.id required']);
    expect(issues(schemas, ref('User'), { id: 'a', name: 'n', password: 'p' })).toEqual(['$.password writeOnly']);
  });
  it('in a request: readOnly is never required and must not be present (also via a readOnly $ref target)', () => {
    expect(issues(schemas, ref('User'), { name: 'n', password: 'p' }, 'request')).toEqual([]);
    expect(issues(schemas, ref('User'), { name: 'n' }, 'request')).toEqual(['$.password required']);
    expect(issues(schemas, ref('User'), { id: 'a', name: 'n', password: 'p', audit: {} }, 'request')).toEqual(['$.audit readOnly', '$.id readOnly']);
  });
});

describe('oneOf with discriminator', () => {
  const schemas = {
    Pet: {
      oneOf: [ref('Cat'), ref('Dog')],
      discriminator: { propertyName: 'petType', mapping: { cat: '#/components/schemas/Cat', dog: '#/components/schemas/Dog' } },
    },
    Cat: { type: 'object', required: ['petType', 'lives'], properties: { petType: { type: 'string' }, lives: { type: 'integer' } } },
    Dog: { type: 'object', required: ['petType', 'bark'], properties: { petType: { type: 'string' }, bark: { type: 'string' } } },
    Implicit: { oneOf: [ref('Cat'), ref('Dog')], discriminator: { propertyName: 'petType' } },
  };
  it('picks the branch by the mapped value and reports only that branch', () => {
    expect(issues(schemas, ref('Pet'), { petType: 'dog', bark: 'woof' })).toEqual([]);
    expect(issues(schemas, ref('Pet'), { petType: 'dog', bark: 1 })).toEqual(['$.bark type']);
    expect(issues(schemas, ref('Pet'), { petType: 'cat', bark: 'woof' })).toEqual(['$.lives required']);
  });
  it('reports a value that maps to no branch on the discriminator property', () => {
    expect(issues(schemas, ref('Pet'), { petType: 'cow' })).toEqual(['$.petType discriminator']);
  });
  it('uses schema names as the implicit mapping', () => {
    expect(issues(schemas, ref('Implicit'), { petType: 'Dog', bark: 'woof' })).toEqual([]);
    expect(issues(schemas, ref('Implicit'), { petType: 'Cat', lives: 'nine' })).toEqual(['$.lives type']);
    expect(issues(schemas, ref('Implicit'), { petType: 'dog', bark: 'woof' })).toEqual(['$.petType discriminator']);
  });
});

describe('allOf and a discriminator on the parent', () => {
  const schemas = {
    Animal: {
      type: 'object',
      required: ['kind', 'name'],
      properties: { kind: { type: 'string' }, name: { type: 'string' } },
      discriminator: { propertyName: 'kind', mapping: { BIRD: '#/components/schemas/Bird', FISH: '#/components/schemas/Fish' } },
    },
    Bird: { allOf: [ref('Animal'), { type: 'object', required: ['wings'], properties: { wings: { type: 'integer' } } }] },
    Fish: { allOf: [ref('Animal'), { type: 'object', properties: { fins: { type: 'integer' } } }] },
    Zoo: { type: 'object', properties: { animals: { type: 'array', items: ref('Animal') } } },
  };
  it('validates a parent reference as the mapped child (which includes the parent via allOf)', () => {
    expect(issues(schemas, ref('Zoo'), { animals: [{ kind: 'BIRD', name: 'b', wings: 2 }, { kind: 'FISH', name: 'f' }] })).toEqual([]);
    expect(issues(schemas, ref('Zoo'), { animals: [{ kind: 'FISH', name: 'f' }, { kind: 'BIRD', name: 'b' }] })).toEqual([
      '$.animals[1].wings required',
    ]);
    expect(issues(schemas, ref('Zoo'), { animals: [{ kind: 'BIRD', wings: 'two' }] })).toEqual([
      '$.animals[0].name required',
      '$.animals[0].wings type',
    ]);
  });
  it('validates an unmapped value against the parent only', () => {
    expect(issues(schemas, ref('Animal'), { kind: 'WORM', name: 'w', wings: 'none' })).toEqual([]);
    expect(issues(schemas, ref('Animal'), { kind: 'WORM' })).toEqual(['$.name required']);
  });
  it('validates the child directly, parent constraints included', () => {
    expect(issues(schemas, ref('Bird'), { kind: 'BIRD', wings: 2 })).toEqual(['$.name required']);
  });
  it('without mapping, maps the names of the schemas that extend the parent', () => {
    const implicit = {
      Shape: { type: 'object', required: ['shapeType'], properties: { shapeType: { type: 'string' } }, discriminator: { propertyName: 'shapeType' } },
      Circle: { allOf: [ref('Shape'), { type: 'object', required: ['radius'], properties: { radius: { type: 'number' } } }] },
    };
    expect(issues(implicit, ref('Shape'), { shapeType: 'Circle', radius: 1 })).toEqual([]);
    expect(issues(implicit, ref('Shape'), { shapeType: 'Circle' })).toEqual(['$.radius required']);
    expect(issues(implicit, ref('Shape'), { shapeType: 'Square' })).toEqual([]);
  });
});

describe('recursive $ref', () => {
  const schemas = {
    Node: { type: 'object', required: ['value'], properties: { value: { type: 'integer' }, children: { type: 'array', items: ref('Node') } } },
  };
  it('validates arbitrarily deep without inlining forever', () => {
    const tree = { value: 1, children: [{ value: 2, children: [{ value: 3 }, { value: 'x', children: [{}] }] }] };
    expect(issues(schemas, ref('Node'), tree)).toEqual(['$.children[0].children[1].children[0].value required', '$.children[0].children[1].value type']);
  });
});

describe('oneOf without discriminator', () => {
  const schemas = {
    Spec: { oneOf: [ref('Aws'), ref('Gcp')] },
    Aws: { type: 'object', required: ['instanceSize'], properties: { instanceSize: { type: 'string', enum: ['M10', 'M20'] }, ebs: { type: 'string' } } },
    Gcp: { type: 'object', required: ['instanceSize'], properties: { instanceSize: { type: 'string', enum: ['M10', 'M30'] }, ebs: { type: 'integer' } } },
    Region: { oneOf: [{ type: 'string', enum: ['US_EAST_1', 'EU_WEST_1'] }, ref('AzureRegion')] },
    AzureRegion: { type: 'string', enum: ['US_EAST_1', 'EUROPE_NORTH'] },
  };
  it('names the closest branch and reports its errors when nothing matches', () => {
    expect(issues(schemas, ref('Spec'), { instanceSize: 'M30', ebs: 'gp3' })).toEqual(['$ oneOf', '$.ebs type']);
  });
  it('accepts overlapping branches unless strictOneOf', () => {
    expect(issues(schemas, ref('Spec'), { instanceSize: 'M10' })).toEqual([]);
    expect(issues(schemas, ref('Spec'), { instanceSize: 'M10' }, 'response', true)).toEqual(['$ oneOf-ambiguous']);
    expect(issues(schemas, ref('Spec'), { instanceSize: 'M20' }, 'response', true)).toEqual([]);
  });
  it('turns a oneOf of string enums into one enum (overlaps allowed)', () => {
    expect(issues(schemas, ref('Region'), 'US_EAST_1')).toEqual([]);
    expect(issues(schemas, ref('Region'), 'EUROPE_NORTH')).toEqual([]);
    expect(issues(schemas, ref('Region'), 'MARS')).toEqual(['$ enum']);
  });
});

describe('other keywords', () => {
  it('honours additionalProperties as given, and only then', () => {
    const schemas = {
      Closed: { type: 'object', additionalProperties: false, properties: { a: { type: 'string' } } },
      Open: { type: 'object', properties: { a: { type: 'string' } } },
      Map: { type: 'object', additionalProperties: { type: 'integer' } },
    };
    expect(issues(schemas, ref('Closed'), { a: 'x', b: 1 })).toEqual(['$.b additionalProperties']);
    expect(issues(schemas, ref('Open'), { a: 'x', b: 1 })).toEqual([]);
    expect(issues(schemas, ref('Map'), { a: 1, b: 'x' })).toEqual(['$.b type']);
  });
  it('checks Atlas formats and ignores unknown ones', () => {
    const schemas = {
      F: {
        type: 'object',
        properties: {
          n: { type: 'integer', format: 'int32' },
          d: { type: 'string', format: 'date-time' },
          e: { type: 'string', format: 'email' },
          w: { type: 'string', format: 'made-up' },
          big: { type: 'integer', format: 'int64' },
        },
      },
    };
    expect(issues(schemas, ref('F'), { n: 5, d: '2026-08-10T03:01:55Z', e: 'a@b.c', w: '?', big: 2 ** 40 })).toEqual([]);
    expect(issues(schemas, ref('F'), { n: 2 ** 31, d: 'yesterday', e: 'nobody' })).toEqual(['$.d format', '$.e format', '$.n format']);
  });
  it('supports unicode property escapes and OpenAPI-style escapes in patterns', () => {
    const schemas = { P: { type: 'object', properties: { u: { type: 'string', pattern: '^[\\p{L}\\-]+$' }, a: { type: 'string', pattern: '^a\\-b$' } } } };
    expect(issues(schemas, ref('P'), { u: 'Zürich-Genève', a: 'a-b' })).toEqual([]);
    expect(issues(schemas, ref('P'), { u: 'no spaces', a: 'ab' })).toEqual(['$.a pattern', '$.u pattern']);
  });
  it('converts exclusiveMinimum booleans and applies an enum written on an array to its items', () => {
    const schemas = {
      X: { type: 'object', properties: { n: { type: 'number', minimum: 0, exclusiveMinimum: true }, roles: { type: 'array', items: { type: 'string' }, enum: ['A', 'B'] } } },
    };
    expect(issues(schemas, ref('X'), { n: 1, roles: ['A', 'B'] })).toEqual([]);
    expect(issues(schemas, ref('X'), { n: 0, roles: ['C'] })).toEqual(['$.n exclusiveMinimum', '$.roles[0] enum']);
  });
});

describe('toJsonPath', () => {
  it('renders JSON pointers as $.a[0].b with brackets for unusual keys', () => {
    expect(toJsonPath('')).toBe('$');
    expect(toJsonPath('/results/0/links/1/href')).toBe('$.results[0].links[1].href');
    expect(toJsonPath('/tags/a~1b/x y')).toBe('$.tags["a/b"]["x y"]');
  });
});
