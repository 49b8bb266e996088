// Node loader hooks for a package published as bundler-style ESM: @rocket.chat/rest-typings 8.8.1
// ships dist/ with `import` statements, extensionless specifiers ('../Ajv', 'ajv/dist/2020') and
// no "type": "module", so plain Node can import none of it. Registered by
// register-bundler-esm.mjs (`node --import ./register-bundler-esm.mjs ...`); it touches nothing
// outside that package. (Its index.js also imports @rocket.chat/core-typings, which is CommonJS
// whose named exports Node cannot see: import the validator modules themselves, not the index.)
const bundlerStyle = /\/node_modules\/@rocket\.chat\/rest-typings\/dist\//;
const notFound = ['ERR_MODULE_NOT_FOUND', 'ERR_UNSUPPORTED_DIR_IMPORT'];

// A specifier Node cannot resolve from such a file: try `<specifier>.js`, then
// `<specifier>/index.js`, the two files a bundler would pick.
export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    if (!bundlerStyle.test(context.parentURL ?? '') || !notFound.includes(error?.code)) throw error;
    for (const candidate of [`${specifier}.js`, `${specifier}/index.js`]) {
      try {
        return await nextResolve(candidate, context);
      } catch {
        // try the next candidate
      }
    }
    throw error;
  }
}

// Without "type": "module" above them Node would load these files as CommonJS and fail on
// `import`: they are ESM, say so.
export async function load(url, context, nextLoad) {
  if (bundlerStyle.test(url) && url.endsWith('.js')) {
    return nextLoad(url, { ...context, format: 'module' });
  }
  return nextLoad(url, context);
}
