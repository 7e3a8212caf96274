// Overlay fragment shader: the caller's RGBA8 UI image, alpha-blended by the pipeline.
#version 450
layout(location = 0) in vec2 in_uv;
layout(set = 0, binding = 0) uniform sampler2D overlay;
layout(location = 0) out vec4 out_color;
void main() { out_color = texture(overlay, in_uv); }
