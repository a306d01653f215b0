import { describe, expect, it } from 'vitest';
import { guardNote, guardRewrite, type Replacement } from '../../src/resume/guard.ts';
import { shippedResumeVocabulary } from '../../src/resume/vocabulary.ts';

const { tools: TECH_TERMS, employers: KNOWN_EMPLOYERS, cueOnlyEmployers: CUE_ONLY_EMPLOYERS } = shippedResumeVocabulary();

const originals = (replaced: Replacement[]) => replaced.map((r) => r.original);

describe('guardRewrite: the scripted example', () => {
  const sources = ['Built a REST API in Go serving 2,000 requests per second', 'Led migration to PostgreSQL'];
  const output =
    '- Built a low-latency feature-serving API in Go with PyTorch at Google, cutting latency by 40% and serving 2k requests per second to 5 million users';

  it('replaces the invented tool, employer and numbers and keeps the member’s own facts', () => {
    const r = guardRewrite(output, sources);
    expect(r.text).toBe(
      '- Built a low-latency feature-serving API in Go with [tool] at [employer], cutting latency by [metric] and serving 2k requests per second to [metric] users',
    );
    expect(r.replaced).toEqual([
      { original: 'PyTorch', placeholder: '[tool]' },
      { original: 'Google', placeholder: '[employer]' },
      { original: '40%', placeholder: '[metric]' },
      { original: '5 million', placeholder: '[metric]' },
    ]);
  });

  it('notes exactly those four, in order', () => {
    expect(guardNote(guardRewrite(output, sources).replaced)).toBe(
      'Not in your original — confirm or drop: PyTorch → [tool], Google → [employer], 40% → [metric], 5 million → [metric].',
    );
  });
});

describe('guardRewrite: numbers', () => {
  it('matches the same value however it is written', () => {
    const sources = ['Served 10,000 users, cut costs by 40 percent, saved £50,000 and 1.5 million pounds; 3x faster'];
    const r = guardRewrite('Served 10k users (10000 daily), cut costs 40%, saved £50k and 1.5M, 3× faster', sources);
    expect(r.replaced).toEqual([]);
    expect(r.text).toBe('Served 10k users (10000 daily), cut costs 40%, saved £50k and 1.5M, 3× faster');
  });

  it('replaces invented currency amounts', () => {
    const r = guardRewrite('Saved £50k, then $1.2M, then €3,000 a month', ['Saved £50,000']);
    expect(r.text).toBe('Saved £50k, then [metric], then [metric] a month');
    expect(originals(r.replaced)).toEqual(['$1.2M', '€3,000']);
  });

  it('does not let a sum in one currency vouch for another', () => {
    expect(originals(guardRewrite('Saved $50k', ['Saved £50k']).replaced)).toEqual(['$50k']);
    expect(guardRewrite('Saved $50k', ['Saved 50,000 a year']).replaced).toEqual([]);
  });

  it('replaces invented multipliers', () => {
    const r = guardRewrite('Made builds 3x faster and tests 10× faster, a 2-fold gain, five times cheaper', ['builds 3x faster']);
    expect(r.text).toBe('Made builds 3x faster and tests [metric] faster, a [metric] gain, [metric] cheaper');
    expect(originals(r.replaced)).toEqual(['10×', '2-fold', 'five times']);
  });

  it('treats a range as one fact that needs both ends', () => {
    expect(guardRewrite('Cut errors by 20-30%', ['errors down 20% to 30%']).replaced).toEqual([]);
    const r = guardRewrite('Cut errors by 20-30% and costs by £10–20k', ['errors down 20%']);
    expect(r.text).toBe('Cut errors by [metric] and costs by [metric]');
    expect(originals(r.replaced)).toEqual(['20-30%', '£10–20k']);
  });

  it('needs a percentage to be a percentage in the original', () => {
    expect(originals(guardRewrite('Improved recall by 40%', ['a team of 40 engineers']).replaced)).toEqual(['40%']);
    expect(guardRewrite('Improved recall by 40 percent', ['recall up 40%']).replaced).toEqual([]);
  });

  it('flags vague scales unless the original supports them', () => {
    const r = guardRewrite('Served millions of users and handled billions of events', ['Served 2M users']);
    expect(r.text).toBe('Served millions of users and handled [metric] of events');
    expect(originals(r.replaced)).toEqual(['billions']);
    expect(originals(guardRewrite('Served thousands of users', ['Served users']).replaced)).toEqual(['thousands']);
  });

  it('counts years as facts', () => {
    const r = guardRewrite('Since 2019, and again in 2021, shipped the platform (2019-2021)', ['Joined in 2019']);
    expect(r.text).toBe('Since 2019, and again in [metric], shipped the platform ([metric])');
    expect(originals(r.replaced)).toEqual(['2021', '2019-2021']);
  });

  it('does not flag list numbering, ordinals or fixed phrases', () => {
    const text = '1. Finished 1st in the hackathon\n2) Ran 24/7 on-call, held 1:1s\n3. Kept P99 under the SLA';
    const r = guardRewrite(text, ['on-call']);
    expect(r.text).toBe(text);
    expect(r.replaced).toEqual([]);
  });

  it('flags a number at the start of a line that is not list numbering', () => {
    const r = guardRewrite('40% fewer incidents\n- 12 services migrated', ['fewer incidents']);
    expect(r.text).toBe('[metric] fewer incidents\n- [metric] services migrated');
  });

  it('handles decimals and units', () => {
    const r = guardRewrite('Cut p95 latency from 250ms to 99.5ms, 99.9% uptime', ['latency 250 ms', '99.9% uptime']);
    expect(r.text).toBe('Cut p95 latency from 250ms to [metric], 99.9% uptime');
  });
});

describe('guardRewrite: tools', () => {
  it('allows a tool written as an alias in the original', () => {
    expect(guardRewrite('Ran services on Kubernetes', ['deployed on k8s']).replaced).toEqual([]);
    expect(guardRewrite('Ran services on k8s', ['deployed on Kubernetes']).replaced).toEqual([]);
    expect(guardRewrite('Migrated to PostgreSQL', ['postgres']).replaced).toEqual([]);
    expect(guardRewrite('Trained models with scikit-learn', ['sklearn pipelines']).replaced).toEqual([]);
    expect(guardRewrite('Tracked runs in Weights & Biases', ['used wandb']).replaced).toEqual([]);
  });

  it('matches tools case-insensitively and multi-word names whole', () => {
    const r = guardRewrite('Used pytorch, Hugging Face and Vertex AI', ['python']);
    expect(r.text).toBe('Used [tool], [tool] and [tool]');
    expect(originals(r.replaced)).toEqual(['pytorch', 'Hugging Face', 'Vertex AI']);
  });

  it('reads everyday words as tools only when written as the tool', () => {
    const r = guardRewrite('Helped the team go faster with Spark and Ray, plus a spark of rust', ['Python']);
    expect(originals(r.replaced)).toEqual(['Spark', 'Ray']);
    expect(guardRewrite('Planned the go-live', ['Python']).replaced).toEqual([]);
  });

  it('reads "tf" as TensorFlow only as a standalone token', () => {
    expect(originals(guardRewrite('Built models with tf and TF-IDF features', ['Python']).replaced)).toEqual(['tf']);
    expect(guardRewrite('Built models with TensorFlow', ['tf.keras models']).replaced).toEqual([]);
  });

  it('treats unlisted tech-looking words as tools', () => {
    const r = guardRewrite('Served models with DeepSpeed, vLLM and TorchServe on EC2 and S3 via Node.js; tested GPT-5', ['Python', 'served models']);
    expect(r.text).toBe('Served models with [tool], [tool] and [tool] on [tool] and [tool] via [tool]; tested [tool]');
    expect(originals(r.replaced)).toEqual(['DeepSpeed', 'vLLM', 'TorchServe', 'EC2', 'S3', 'Node.js', 'GPT-5']);
  });

  it('keeps unlisted tech-looking words the member used', () => {
    expect(guardRewrite('Built on MyInternalTool', ['built MyInternalTool']).replaced).toEqual([]);
  });

  it('never flags generic skills and acronyms', () => {
    const text = 'Built REST APIs and CI/CD: SQL, ETL, P99 latency, SLA, SLOs, UK, US, EU teams, DevOps, MLOps, NoSQL, Q3 OKRs, R&D';
    const r = guardRewrite(text, ['nothing relevant']);
    expect(r.replaced).toEqual([]);
    expect(r.text).toBe(text);
  });

  it('does not flag ordinary capitalised words at the start of sentences or bullets', () => {
    const text = '- Built the pipeline. Reduced toil. Designed a schema.\n• Led the rollout';
    expect(guardRewrite(text, ['Designed', 'led the rollout']).replaced).toEqual([]);
  });

  it('has a curated list of at least 150 tools with unique spellings', () => {
    expect(TECH_TERMS.length).toBeGreaterThanOrEqual(150);
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const t of TECH_TERMS) {
      for (const form of new Set([t.name, ...(t.aliases ?? []), ...(t.exact ?? [])].map((f) => f.toLowerCase()))) {
        if (owner.has(form)) clashes.push(`${form}: ${owner.get(form)} / ${t.name}`);
        owner.set(form, t.name);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('recognises every listed tool, and accepts each when the member named it', () => {
    for (const t of TECH_TERMS) {
      const r = guardRewrite(`Used ${t.name} daily`, ['Built a service']);
      expect(r.replaced, t.name).toEqual([{ original: t.name, placeholder: '[tool]' }]);
      expect(guardRewrite(`Used ${t.name} daily`, [`Worked with ${t.name}`]).replaced, t.name).toEqual([]);
    }
  });
});

describe('guardRewrite: employers', () => {
  it('flags known employers anywhere and names after "at"/"joined"', () => {
    const r = guardRewrite('Joined Initech after two years at Globex; partnered with Stripe and Netflix', ['two years']);
    expect(r.text).toBe('Joined [employer] after two years at [employer]; partnered with [employer] and [employer]');
    expect(originals(r.replaced)).toEqual(['Initech', 'Globex', 'Stripe', 'Netflix']);
  });

  it('flags company names after "for"/"with" when they look like companies', () => {
    const r = guardRewrite('Built a pricing engine for Acme Corp, worked for Hooli, and shipped with Product and Design', ['pricing engine']);
    expect(r.text).toBe('Built a pricing engine for [employer], worked for [employer], and shipped with Product and Design');
    expect(originals(r.replaced)).toEqual(['Acme Corp', 'Hooli']);
  });

  it('keeps employers from the original, suffix or not', () => {
    expect(guardRewrite('Senior backend work at Acme Corp for Monzo', ['Backend at Acme', 'Contract for Monzo']).replaced).toEqual([]);
  });

  it('does not read a tool vendor as an employer', () => {
    const r = guardRewrite('Deployed on Amazon SageMaker and Google BigQuery', ['SageMaker', 'BigQuery']);
    expect(r.replaced).toEqual([]);
    expect(guardRewrite('Deployed on Amazon SageMaker', ['AWS'])).toEqual({
      text: 'Deployed on Amazon [tool]',
      replaced: [{ original: 'SageMaker', placeholder: '[tool]' }],
    });
    expect(originals(guardRewrite('Ran AWS Lambda jobs on Google Cloud', ['AWS']).replaced)).toEqual(['Lambda', 'Google Cloud']);
  });

  it('reads a tool company after "at" as an employer, elsewhere as a tool', () => {
    expect(guardRewrite('Worked at Databricks', ['Databricks notebooks']).replaced).toEqual([]);
    expect(guardRewrite('Worked at Databricks', ['Spark']).replaced).toEqual([{ original: 'Databricks', placeholder: '[employer]' }]);
    expect(guardRewrite('Ran jobs on Databricks', ['Spark']).replaced).toEqual([{ original: 'Databricks', placeholder: '[tool]' }]);
  });

  it('reads everyday-word employers only after a cue', () => {
    expect(guardRewrite('Worked at Wise on payments', ['payments']).replaced).toEqual([{ original: 'Wise', placeholder: '[employer]' }]);
    expect(guardRewrite('Made wise choices on Block storage', ['storage']).replaced).toEqual([]);
  });

  it('has the well-known employers', () => {
    for (const name of [
      'Google',
      'Meta',
      'Amazon',
      'Microsoft',
      'Apple',
      'Netflix',
      'OpenAI',
      'Anthropic',
      'DeepMind',
      'Uber',
      'Airbnb',
      'Stripe',
      'Spotify',
      'Monzo',
      'Revolut',
      'Deliveroo',
    ]) {
      expect(KNOWN_EMPLOYERS).toContain(name);
    }
    expect(CUE_ONLY_EMPLOYERS).toContain('Wise');
  });
});

describe('guardRewrite: titles', () => {
  it('flags claimed titles not in the original', () => {
    const r = guardRewrite('Hired as Senior ML Engineer, promoted to Tech Lead, then acted as a staff engineer', ['Backend engineer']);
    expect(r.text).toBe('Hired as [title], promoted to [title], then acted as a [title]');
    expect(originals(r.replaced)).toEqual(['Senior ML Engineer', 'Tech Lead', 'staff engineer']);
  });

  it('flags a title opening a bullet', () => {
    const r = guardRewrite('- Machine Learning Engineer, Acme (2020)\n• Head of Data at Acme', ['Acme', '2020']);
    expect(r.text).toBe('- [title], Acme (2020)\n• [title] at Acme');
    expect(originals(r.replaced)).toEqual(['Machine Learning Engineer', 'Head of Data']);
  });

  it('keeps the member’s own title, however spelled', () => {
    expect(guardRewrite('- Senior Machine Learning Engineer at Acme', ['Sr. ML engineer at Acme']).replaced).toEqual([]);
    expect(guardRewrite('Worked as a Back-end Engineer', ['role: backend engineer']).replaced).toEqual([]);
  });

  it('does not flag generic mentions', () => {
    const text = 'Worked with data scientists and ML engineers; mentored junior engineers; data engineering';
    expect(guardRewrite(text, ['Backend engineer']).replaced).toEqual([]);
  });

  it('flags added seniority', () => {
    expect(originals(guardRewrite('Promoted to Senior Backend Engineer', ['Backend engineer']).replaced)).toEqual(['Senior Backend Engineer']);
  });
});

describe('guardRewrite: text handling', () => {
  it('returns text with only the member’s facts unchanged, with an empty note', () => {
    const sources = ['Built a REST API in Go serving 2,000 requests per second', 'Led migration to PostgreSQL at Acme Corp in 2021'];
    const text = '- Built a REST API in Go serving 2k requests per second\n• Led the PostgreSQL migration at Acme Corp (2021)';
    const r = guardRewrite(text, sources);
    expect(r).toEqual({ text, replaced: [] });
    expect(guardNote(r.replaced)).toBe('');
  });

  it('handles empty output and empty sources', () => {
    expect(guardRewrite('', ['anything'])).toEqual({ text: '', replaced: [] });
    expect(guardRewrite('', [])).toEqual({ text: '', replaced: [] });
    expect(guardRewrite('Used PyTorch', []).text).toBe('Used [tool]');
  });

  it('handles unicode text', () => {
    const r = guardRewrite('Réduit la latence de 40 % grâce à PyTorch — déployé à Zürich 🚀\n使用PyTorch提升40%', ['Réduit la latence', 'Zürich']);
    expect(r.text).toBe('Réduit la latence de [metric] grâce à [tool] — déployé à Zürich 🚀\n使用[tool]提升[metric]');
    expect(originals(r.replaced)).toEqual(['40 %', 'PyTorch', '40%']);
  });

  it('keeps bullets, line breaks and punctuation', () => {
    const r = guardRewrite('• Cut costs by 40%.\n\n- Used Kafka!\n  * (Spark)', ['Cut costs']);
    expect(r.text).toBe('• Cut costs by [metric].\n\n- Used [tool]!\n  * ([tool])');
  });

  it('de-duplicates the list case-insensitively, in order of appearance', () => {
    const r = guardRewrite('pytorch then PyTorch at Google and google-scale Google, 40% and 40%', ['Python']);
    expect(r.text).toBe('[tool] then [tool] at [employer] and google-scale [employer], [metric] and [metric]');
    expect(r.replaced).toEqual([
      { original: 'pytorch', placeholder: '[tool]' },
      { original: 'Google', placeholder: '[employer]' },
      { original: '40%', placeholder: '[metric]' },
    ]);
  });

  it('is idempotent on its own output', () => {
    const once = guardRewrite('- Senior ML Engineer at Google: 3x faster with PyTorch on k8s for 5M users', ['Backend engineer']);
    const twice = guardRewrite(once.text, ['Backend engineer']);
    expect(twice).toEqual({ text: once.text, replaced: [] });
  });
});

describe('guardNote', () => {
  it('is empty when nothing was replaced', () => {
    expect(guardNote([])).toBe('');
  });

  it('lists each replacement with its placeholder', () => {
    expect(
      guardNote([
        { original: '40%', placeholder: '[metric]' },
        { original: 'PyTorch', placeholder: '[tool]' },
      ]),
    ).toBe('Not in your original — confirm or drop: 40% → [metric], PyTorch → [tool].');
  });
});

describe('guardRewrite v2: credentials', () => {
  it('flags invented degrees, universities, rankings and employer groups (issue 15, item 9)', () => {
    const r = guardRewrite('Holds a PhD in machine learning from MIT and is a Kaggle Grandmaster, formerly at a FAANG company', ['Backend engineer, Go']);
    expect(r.text).toBe('Holds a [credential] from [credential] and is a [credential], formerly at a [employer] company');
    expect(originals(r.replaced)).toEqual(['PhD in machine learning', 'MIT', 'Kaggle Grandmaster', 'FAANG']);
  });

  it('flags certifications and Big Tech, and keeps the member’s own credentials', () => {
    const r = guardRewrite('AWS Certified Machine Learning Specialty holder with Big Tech experience', ['Backend engineer']);
    expect(originals(r.replaced)).toEqual(['AWS Certified Machine Learning Specialty', 'Big Tech']);
    expect(guardRewrite('MSc in Computer Science from Imperial College London', ['MSc Computer Science, Imperial College London']).replaced).toEqual([]);
    expect(originals(guardRewrite('PhD in physics', ['MSc in physics']).replaced)).toEqual(['PhD in physics']);
    expect(originals(guardRewrite('MSc in machine learning', ['MSc in physics']).replaced)).toEqual(['MSc in machine learning']);
  });
});

describe('guardRewrite v2: the member’s part in the work', () => {
  it('never raises helped / worked with / contributed / supported to led, owned, architected or drove', () => {
    const cases: [string, string, string][] = [
      ['Led the migration to Kubernetes', 'Helped with the migration to Kubernetes', 'Contributed to the migration to Kubernetes'],
      ['Owned the billing service', 'Worked with the team on the billing service', 'Contributed to the billing service'],
      ['Architected the event bus', 'Contributed to the event bus design', 'Contributed to the event bus'],
      ['Drove adoption of tracing', 'Supported the adoption of tracing', 'Contributed to adoption of tracing'],
      ['Helped lead nothing; led the rollout', 'Helped lead the rollout', 'Helped lead nothing; contributed to the rollout'],
    ];
    for (const [output, source, expected] of cases) {
      const r = guardRewrite(output, [source]);
      expect(r.text, output).toBe(expected);
      expect(guardNote(r.replaced), output).toMatch(/confirm or drop: \w+ → contributed to/i);
    }
  });

  it('keeps a part the member claimed', () => {
    expect(guardRewrite('Led the migration and owned the runbooks', ['I led the migration', 'responsible for runbooks']).replaced).toEqual([]);
    expect(guardRewrite('Led the platform team', ['role: Tech lead']).replaced).toEqual([]);
  });
});

describe('guardRewrite v2: ML scope', () => {
  it('flags ML work the original does not state, as one placeholder per claim', () => {
    const r = guardRewrite('Maintained PostgreSQL pipelines feeding feature pipelines for ML models', ['Maintained PostgreSQL pipelines']);
    expect(r.text).toBe('Maintained PostgreSQL pipelines feeding [ML work]');
    expect(guardNote(r.replaced)).toBe('Not in your original — confirm or drop: feature pipelines for ML models → [ML work].');
  });

  it('keeps ML work the member stated, and mentions of ML colleagues', () => {
    expect(
      guardRewrite('Deployed a recommendation model with the data science team', ['Worked with the data science team to deploy a recommendation model'])
        .replaced,
    ).toEqual([]);
    expect(guardRewrite('Served ML models with FastAPI', ['scikit-learn model served with FastAPI']).replaced).toEqual([]);
    expect(guardRewrite('Partnered with ML engineers on the API', ['API work']).replaced).toEqual([]);
    expect(originals(guardRewrite('Monitored drift on the API', ['Monitored the API']).replaced)).toEqual(['drift']);
  });

  it("keeps an ML phrase made only of the member's own words, rearranged", () => {
    expect(guardRewrite('- model latency model', ['model jobs by Jaeger, alerts on latency']).replaced).toEqual([]);
    expect(originals(guardRewrite('Cut model latency', ['Cut API latency']).replaced)).toEqual(['model latency']);
  });
});
